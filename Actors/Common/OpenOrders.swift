import Kernel
import Messages

/// Orders sent and not yet done, per symbol, from the order, fill and report streams: what an
/// actor that did not send them (the gate, the sizer) needs to count exposure in flight.
/// Orders are rare next to quotes, so a dictionary by order id is fine here.
public struct OpenOrders: Sendable {
    private var orders: [UInt64: (symbol: SymbolID, side: Side, leaves: Int64)] = [:]
    private var seenFills = RecentIDs()
    /// Signed lots still open per symbol.
    public private(set) var openQuantity: [Int64]

    public init(symbolCount: Int) {
        openQuantity = Array(repeating: 0, count: symbolCount)
    }

    /// What a message changed: the symbol and the signed lots that will never fill (an order
    /// rejected, cancelled or expired with lots left), if any.
    public mutating func absorb(_ message: Message) -> (symbol: SymbolID, abandoned: Int64)? {
        switch message {
        case .order(let order):
            guard Int(order.symbol) < openQuantity.count, orders[order.orderID] == nil else { return nil }
            orders[order.orderID] = (order.symbol, order.side, order.quantity)
            openQuantity[Int(order.symbol)] += order.side.sign * order.quantity
        case .fill(let fill):
            // A resent report (same fill id) is counted once.
            guard var open = orders[fill.orderID], fill.fillID == 0 || seenFills.insert(fill.fillID) else { return nil }
            let filled = min(fill.quantity, open.leaves)
            open.leaves -= filled
            openQuantity[Int(open.symbol)] -= open.side.sign * filled
            if open.leaves == 0 || fill.isFinal {
                openQuantity[Int(open.symbol)] -= open.side.sign * open.leaves
                orders[fill.orderID] = nil
            } else {
                orders[fill.orderID] = open
            }
        case .report(let report):
            // A duplicate-order reject names the original, which is still working.
            guard report.isTerminal, report.reason != .duplicateOrder, let open = orders.removeValue(forKey: report.orderID) else { return nil }
            openQuantity[Int(open.symbol)] -= open.side.sign * open.leaves
            if open.leaves > 0 { return (open.symbol, open.side.sign * open.leaves) }
        default:
            break
        }
        return nil
    }

    public var count: Int { orders.count }
}
