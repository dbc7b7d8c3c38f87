import Kernel
import Messages

extension SimulatedVenue {
    /// Turns matched lots into fills: the notional and the fee (inside the valuation domain, or
    /// the order is cancelled), the maker or taker fee plus the fee per contract with its carried
    /// sub-cent remainder, and a fill id unique
    /// across venues (`venue << 56 | fills issued`).
    struct FillIssuer: Sendable {
        let venue: UInt8
        let instruments: [Instrument]
        /// Fees in millionths of a basis point and of a currency unit, so the per-fill arithmetic
        /// is exact integers.
        private let makerFeeMicroBasisPoints: Int64
        private let takerFeeMicroBasisPoints: Int64
        private let feePerContractMicroUnits: Int64
        /// Fees owed but not yet charged, in 10⁻¹⁰ minor units (below one cent in magnitude).
        private var feeCarry: Int128 = 0
        /// Fills issued so far.
        private(set) var fillsIssued: UInt64 = 0

        init(venue: UInt8, profile: VenueProfile, instruments: [Instrument]) {
            self.venue = venue
            self.instruments = instruments
            makerFeeMicroBasisPoints = profile.makerFeeMicroBasisPoints
            takerFeeMicroBasisPoints = profile.takerFeeMicroBasisPoints
            feePerContractMicroUnits = profile.feePerContractMicroUnits
        }

        /// Records one execution: leaves, fee, and the fill event (`isFinal` when nothing is left).
        mutating func fill(_ entry: inout WorkingOrder, lots: Int64, price: Int64, isMaker: Bool,
                           into events: inout [VenueEvent]) {
            precondition(lots > 0 && lots <= entry.leavesQuantity, "fill of \(lots) with \(entry.leavesQuantity) open")
            let symbol = Int(entry.order.symbol)
            let notional = instruments[symbol].checkedNotionalMinorUnits(quantity: lots, price: price)
            let charged = notional.flatMap {
                SimulatedVenue.fee(notional: $0, lots: lots, microBasisPoints: isMaker ? makerFeeMicroBasisPoints : takerFeeMicroBasisPoints,
                                   perContractMicroUnits: feePerContractMicroUnits, carry: feeCarry)
            }
            guard let charged else {
                // No book could account for it: the rest of the order is cancelled, unfilled.
                events.append(.report(ExecutionReport(orderID: entry.order.orderID, symbol: entry.order.symbol, kind: .cancelled,
                                                      reason: .valuation, leavesQuantity: entry.leavesQuantity, venue: venue,
                                                      traceID: entry.order.traceID)))
                entry.isClosed = true
                return
            }
            entry.leavesQuantity -= lots
            feeCarry = charged.carry
            let fee = charged.minorUnits
            fillsIssued += 1
            let isFinal = entry.leavesQuantity == 0
            events.append(.fill(Fill(orderID: entry.order.orderID, symbol: entry.order.symbol, side: entry.order.side,
                                     quantity: lots, price: price, feeMinorUnits: fee, isFinal: isFinal,
                                     traceID: entry.order.traceID, fillID: UInt64(venue) << 56 | fillsIssued, venue: venue)))
            if isFinal { entry.isClosed = true }
        }
    }
}
