import Actors
import Kernel
import Messages
import Testing

/// The broker actor drives any ``BrokerAdapter``: here one that acknowledges and fills every
/// order at once at a fixed price, standing in for a live venue session.
@Suite struct BrokerAdapterTests {
    struct FixedPriceVenue: BrokerAdapter {
        var submitted: [UInt64] = []

        mutating func submit(_ order: Order, at time: Timestamp, into events: inout [VenueEvent]) {
            submitted.append(order.orderID)
            events.append(.report(ExecutionReport(orderID: order.orderID, symbol: order.symbol, kind: .acknowledged, leavesQuantity: order.quantity,
                                                  venue: order.venue, traceID: order.traceID)))
            events.append(.fill(Fill(orderID: order.orderID, symbol: order.symbol, side: order.side, quantity: order.quantity, price: 4_242,
                                     feeMinorUnits: 0, isFinal: true, traceID: order.traceID, fillID: order.orderID, venue: order.venue)))
        }
        mutating func cancel(orderID: UInt64, at time: Timestamp, into events: inout [VenueEvent]) {}
        mutating func onQuote(_ quote: Quote, at time: Timestamp, into events: inout [VenueEvent]) {}
        mutating func onTrade(_ trade: Trade, at time: Timestamp, into events: inout [VenueEvent]) {}
        mutating func onTime(_ time: Timestamp, into events: inout [VenueEvent]) {}
        func leavesQuantity(orderID: UInt64) -> Int64? { nil }
    }

    @Test func aPluggedInAdapterExecutesTheOrders() throws {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: 10_000_000_000))
        let instruments = [Instrument(symbol: "A", sector: "s", pricePrecision: 2, lotSize: 1)]
        let parameters = SimulatedBroker.Parameters(orderLatencyNanoseconds: 1_000_000, feeBasisPoints: 0)
        kernel.spawn("broker") { context in
            SimulatedBroker(context: context, parameters: parameters, instruments: instruments, adapters: [FixedPriceVenue()])
        }
        let sink = MessageSink()
        kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.fills, Topics.executionReports], sink: sink) }
        let orders = kernel.topic(named: Topics.orders)
        try kernel.addInput(ArrayInputSource([1, 2].map { index in
            InputRecord(time: UInt64(index) * 1_000_000_000, topic: orders,
                        message: .order(Order(orderID: UInt64(index), symbol: 0, side: .buy, quantity: 3, limitPrice: 0, traceID: 9)))
        }))
        _ = try kernel.run()
        let fills = sink.messages.compactMap { if case .fill(let fill) = $0 { fill } else { nil } }
        #expect(fills.map(\.price) == [4_242, 4_242] && fills.map(\.quantity) == [3, 3])
        #expect(sink.messages.filter { if case .report(let report) = $0 { report.kind == .acknowledged } else { false } }.count == 2)
        withExtendedLifetime(kernel) {}
    }
}
