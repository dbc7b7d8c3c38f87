import Actors
import Kernel
import Messages
import Testing

/// `universe[].venues`: an instrument listed at some venues only is never priced or routed
/// elsewhere, and a venue that does not list it rejects its orders.
@Suite struct VenueListingTests {
    /// AAA trades only on `dear`; BBB everywhere.
    static let instruments = [
        Instrument(symbol: "AAA", sector: "tech", pricePrecision: 2, lotSize: 1, venues: ["dear"]),
        Instrument(symbol: "BBB", sector: "tech", pricePrecision: 2, lotSize: 1),
    ]
    /// `cheap` beats `dear` on every count: lower fees, deeper book.
    static let venues = [
        VenueCosts(name: "cheap", makerFeeBasisPoints: -0.5, takerFeeBasisPoints: 0.1, liquidity: 1),
        VenueCosts(name: "dear", makerFeeBasisPoints: 1, takerFeeBasisPoints: 5, liquidity: 0.3),
    ]

    @Test func theCostModelPricesNoCandidateAtAnUnlistedVenue() throws {
        let market = CostModel.Market(halfSpreadBasisPoints: 1, displayedSize: 100, dailyVolatility: 0.02)
        let everywhere = CostModel().candidates(quantity: 5, market: market, venues: Self.venues)
        let cheapest = try #require(everywhere.min { $0.modelCostBasisPoints < $1.modelCostBasisPoints })
        #expect(cheapest.venue == 0, "unrestricted, the cheap venue wins")
        let listed = CostModel().candidates(quantity: 5, market: market, venues: Self.venues, listed: [false, true])
        #expect(!listed.isEmpty && listed.allSatisfy { $0.venue == 1 }, "only the listed venue, keeping its index")
        #expect(listed.map(\.arm) == everywhere.filter { $0.venue == 1 }.map(\.arm))
    }

    /// A router that explores half of the time (a random candidate) still never sends AAA to
    /// `cheap`; BBB, unrestricted, does go there.
    @Test func theRouterNeverRoutesARestrictedSymbolToAnUnlistedVenueEvenWhenItIsCheaper() throws {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 7, startTime: 0))
        let parameters = Router.Parameters(venues: Self.venues, exploration: 0.5)
        kernel.spawn("router") { Router(context: $0, parameters: parameters, instruments: Self.instruments) }
        let sink = MessageSink()
        kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.orders], sink: sink) }
        let second: UInt64 = 1_000_000_000
        var inputs: [InputRecord] = []
        for symbol in 0..<2 {
            let quote = Quote(symbol: SymbolID(symbol), bidPrice: 9_990, askPrice: 10_010, bidSize: 100, askSize: 100, exchangeTime: 0)
            inputs.append(InputRecord(time: second, topic: kernel.topic(named: Topics.quotes), message: .quote(quote)))
        }
        for round in 0..<200 {
            let symbol = SymbolID(round % 2)
            let intent = Intent(symbol: symbol, targetQuantity: 3, quantity: round % 4 < 2 ? 3 : -3, referencePrice: 10_000,
                                kellyWeight: 0, cappedWeight: 0, drawdownScale: 1, cvarScale: 1, traceID: UInt64(round + 1))
            inputs.append(InputRecord(time: 2 * second + UInt64(round) * 1_000, topic: kernel.topic(named: Topics.approvedIntents),
                                      message: .intent(intent)))
        }
        try kernel.addInput(ArrayInputSource(inputs))
        _ = try kernel.run()
        let orders = sink.messages.compactMap { if case .order(let order) = $0 { order } else { nil } }
        let restricted = orders.filter { $0.symbol == 0 }
        let free = orders.filter { $0.symbol == 1 }
        #expect(restricted.count >= 100 && free.count >= 100, "every intent is routed")
        #expect(restricted.allSatisfy { $0.venue == 1 }, "AAA only ever goes to dear")
        #expect(free.contains { $0.venue == 0 } && free.contains { $0.venue == 1 }, "BBB goes to cheap, and explores dear")
    }

    @Test func aVenueRejectsASymbolItDoesNotList() {
        let quote = Quote(symbol: 0, bidPrice: 9_990, askPrice: 10_010, bidSize: 10, askSize: 10, exchangeTime: 0)
        for (name, expected) in [("cheap", ExecutionReport.Kind.rejected), ("dear", .acknowledged)] {
            var venue = SimulatedVenue(index: 0, profile: VenueProfile(name: name), instruments: Self.instruments)
            _ = venue.onQuote(quote, at: 1_000)
            let order = Order(orderID: 1, symbol: 0, side: .buy, quantity: 2, limitPrice: 0, traceID: 1)
            let reports = venue.submit(order, at: 2_000).compactMap { if case .report(let report) = $0 { report } else { nil } }
            #expect(reports.first?.kind == expected, "\(name)")
            if expected == .rejected {
                #expect(reports.first?.reason == .symbolNotListed && reports.first?.leavesQuantity == 2)
                #expect(ExecutionReport.RejectReason.symbolNotListed.description == "symbol_not_listed")
            }
        }
        // BBB is listed everywhere.
        var cheap = SimulatedVenue(index: 0, profile: VenueProfile(name: "cheap"), instruments: Self.instruments)
        _ = cheap.onQuote(Quote(symbol: 1, bidPrice: 9_990, askPrice: 10_010, bidSize: 10, askSize: 10, exchangeTime: 0), at: 1_000)
        let accepted = cheap.submit(Order(orderID: 2, symbol: 1, side: .buy, quantity: 1, limitPrice: 0, traceID: 2), at: 2_000)
        #expect(accepted.contains { if case .fill = $0 { true } else { false } })
    }
}
