import Kernel
import Messages

extension SimulatedVenue {
    /// Our open orders at one venue, in time priority (arrival order), with a count per symbol and
    /// a lower bound on the next expiry, so that a call with no order on its symbol and nothing
    /// due costs O(1).
    ///
    /// An order is closed by setting `isClosed` (a final fill, a valuation cancel) or by
    /// ``close(at:kind:venue:into:)``; ``removeClosed()`` drops closed orders at the end of each
    /// venue call.
    struct WorkingOrders: Sendable {
        private var orders: [WorkingOrder] = []
        private var countBySymbol: [Int]
        /// No working order expires before this (a lower bound; `.max` when none is working).
        private var nextExpiryTime: Timestamp = .max

        init(symbolCount: Int) {
            countBySymbol = Array(repeating: 0, count: symbolCount)
        }

        var count: Int { orders.count }

        var indices: Range<Int> { orders.indices }

        subscript(position: Int) -> WorkingOrder {
            get { orders[position] }
            set { orders[position] = newValue }
        }

        /// - Complexity: O(working orders).
        func first(orderID: UInt64) -> WorkingOrder? {
            orders.first { $0.orderID == orderID }
        }

        /// - Complexity: O(working orders).
        func position(of orderID: UInt64) -> Int? {
            orders.firstIndex { $0.orderID == orderID }
        }

        func hasOrders(onSymbol symbol: Int) -> Bool {
            countBySymbol[symbol] > 0
        }

        /// Adds an order after every working one (last in time priority).
        mutating func append(_ entry: WorkingOrder) {
            orders.append(entry)
            countBySymbol[Int(entry.order.symbol)] += 1
            nextExpiryTime = min(nextExpiryTime, entry.expiresAt)
            checkInvariants()
        }

        /// Expires every working order due at or before `time`, in time priority.
        /// - Complexity: O(1) when none is due, else O(working orders).
        mutating func expireDue(at time: Timestamp, venue: UInt8, into events: inout [VenueEvent]) {
            guard time >= nextExpiryTime else { return }
            var earliest = Timestamp.max
            for position in orders.indices where !orders[position].isClosed {
                if orders[position].expiresAt <= time {
                    close(at: position, kind: .expired, venue: venue, into: &events)
                } else {
                    earliest = min(earliest, orders[position].expiresAt)
                }
            }
            nextExpiryTime = earliest
            removeClosed()
        }

        /// A cancelled or expired report carrying the lots that never executed.
        mutating func close(at position: Int, kind: ExecutionReport.Kind, venue: UInt8, into events: inout [VenueEvent]) {
            let entry = orders[position]
            events.append(.report(ExecutionReport(orderID: entry.order.orderID, symbol: entry.order.symbol, kind: kind,
                                                  leavesQuantity: entry.leavesQuantity, venue: venue, traceID: entry.order.traceID)))
            orders[position].isClosed = true
        }

        /// Drops closed orders, keeping time priority. In place: no allocation.
        mutating func removeClosed() {
            var closedCount = 0
            for entry in orders where entry.isClosed {
                countBySymbol[Int(entry.order.symbol)] -= 1
                closedCount += 1
            }
            if closedCount > 0 { orders.removeAll { $0.isClosed } }
            checkInvariants()
        }

        /// Debug builds: every working order is open with 0 < leaves ≤ quantity, and the per-symbol
        /// counts match.
        private func checkInvariants() {
            #if DEBUG
            var counts = Array(repeating: 0, count: countBySymbol.count)
            for entry in orders {
                assert(!entry.isClosed && entry.leavesQuantity > 0 && entry.leavesQuantity <= entry.order.quantity,
                       "working order \(entry.order.orderID) is inconsistent")
                assert(entry.expiresAt >= nextExpiryTime, "expiry bound missed order \(entry.order.orderID)")
                counts[Int(entry.order.symbol)] += 1
            }
            assert(counts == countBySymbol, "per-symbol working counts drifted")
            #endif
        }
    }
}
