import Actors
import Kernel
import Messages

/// A venue adapter of this package's own (`broker.venues[].adapter: touch`): it stands in for a
/// venue session that fills every order at once at the touch of the last quote (a buy at the ask,
/// a sell at the bid) and charges a fixed fee per order; with no quote yet it rejects the order.
/// A live session would send the order out here and append what the venue reports as it arrives.
struct TouchVenue: BrokerAdapter {
    let feeMinorUnits: Int64
    private var touch: [SymbolID: (bid: Int64, ask: Int64)] = [:]

    init(feeMinorUnits: Int64) {
        self.feeMinorUnits = feeMinorUnits
    }

    mutating func submit(_ order: Order, at time: Timestamp, into events: inout [VenueEvent]) {
        guard let quote = touch[order.symbol] else {
            events.append(.report(ExecutionReport(orderID: order.orderID, symbol: order.symbol, kind: .rejected, reason: .staleData,
                                                  leavesQuantity: 0, venue: order.venue, traceID: order.traceID)))
            return
        }
        events.append(.report(ExecutionReport(orderID: order.orderID, symbol: order.symbol, kind: .acknowledged, leavesQuantity: order.quantity,
                                              venue: order.venue, traceID: order.traceID)))
        events.append(.fill(Fill(orderID: order.orderID, symbol: order.symbol, side: order.side, quantity: order.quantity,
                                 price: order.side == .buy ? quote.ask : quote.bid, feeMinorUnits: feeMinorUnits, isFinal: true,
                                 traceID: order.traceID, fillID: order.orderID, venue: order.venue)))
    }

    mutating func cancel(orderID: UInt64, at time: Timestamp, into events: inout [VenueEvent]) {}

    mutating func onQuote(_ quote: Quote, at time: Timestamp, into events: inout [VenueEvent]) {
        touch[quote.symbol] = (quote.bidPrice, quote.askPrice)
    }

    mutating func onTrade(_ trade: Trade, at time: Timestamp, into events: inout [VenueEvent]) {}
    mutating func onTime(_ time: Timestamp, into events: inout [VenueEvent]) {}
    func leavesQuantity(orderID: UInt64) -> Int64? { nil }
}
