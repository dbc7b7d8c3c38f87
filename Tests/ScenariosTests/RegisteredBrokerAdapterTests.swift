import Actors
import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// A venue adapter another package registers executes the orders of the venue that names it; the
/// other venues stay simulated.
@Suite struct RegisteredBrokerAdapterTests {
    /// Acknowledges and fills every order at once at `price`.
    struct FixedPrice: BrokerAdapter {
        let price: Int64
        mutating func submit(_ order: Order, at time: Timestamp, into events: inout [VenueEvent]) {
            events.append(.report(ExecutionReport(orderID: order.orderID, symbol: order.symbol, kind: .acknowledged, leavesQuantity: order.quantity,
                                                  venue: order.venue, traceID: order.traceID)))
            events.append(.fill(Fill(orderID: order.orderID, symbol: order.symbol, side: order.side, quantity: order.quantity, price: price,
                                     feeMinorUnits: 0, isFinal: true, traceID: order.traceID, fillID: order.orderID, venue: order.venue)))
        }
        mutating func cancel(orderID: UInt64, at time: Timestamp, into events: inout [VenueEvent]) {}
        mutating func onQuote(_ quote: Quote, at time: Timestamp, into events: inout [VenueEvent]) {}
        mutating func onTrade(_ trade: Trade, at time: Timestamp, into events: inout [VenueEvent]) {}
        mutating func onTime(_ time: Timestamp, into events: inout [VenueEvent]) {}
        func leavesQuantity(orderID: UInt64) -> Int64? { nil }
    }

    static func scenario(venue: String) -> String {
        """
        version: 1
        name: fixed-venue
        start: 2024-03-01T14:30:00Z
        duration: 1h
        universe:
          - { symbol: ACME, sector: technology }
        feeds:
          - { name: market, type: gbm, interval: 1s, volatility: 0.3, initial_price: 100.00 }
        agents:
          - { name: technical, type: ema-cross, fast: 5, slow: 20, horizon_ticks: 5 }
        broker:
          venues:
            - \(venue)
        """
    }

    @Test func theNamedVenueFillsThroughTheAdapter() throws {
        var registry = ComponentRegistry()
        registry.registerBrokerAdapter(type: "fixed-price", version: 1, parameters: ["price"]) { parameters, _, _, _ throws(ScenarioError) in
            FixedPrice(price: Int64(try parameters.integer("price", default: 10_000, range: 1...1_000_000)))
        }
        try ComponentRegistry.$scoped.withValue(registry) {
            let scenario = try ScenarioLoader.parse(Self.scenario(venue: "{ name: lit, adapter: fixed-price, price: 4242 }"), file: "fixed.yaml")
            let run = try ScenarioRun(scenario: scenario)
            let outcome = try run.run()
            let (cash, position, initial) = run.portfolio.assumeIsolated { ($0.cashMinorUnits, $0.positions[0], $0.initialCashMinorUnits) }
            #expect(outcome.orders > 0 && outcome.portfolio.fills == outcome.orders, "every order filled at once")
            // Every fill at 42.42 EUR, no fee: the cash spent is the position at that price.
            #expect(cash + position * 4242 == initial, "at the adapter's price")
            let bad = #expect(throws: ScenarioError.self) {
                try ScenarioLoader.parse(Self.scenario(venue: "{ name: lit, adapter: fixed-price, price: 0 }"), file: "fixed.yaml")
            }
            #expect(bad?.message.contains("price must be between 1 and 1000000") == true)
        }
        let unknown = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.parse(Self.scenario(venue: "{ name: lit, adapter: fixed-price }"), file: "fixed.yaml")
        }
        #expect(unknown?.message == "unknown broker adapter 'fixed-price'")
    }
}
