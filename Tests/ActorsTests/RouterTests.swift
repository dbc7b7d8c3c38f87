import Actors
import Kernel
import Messages
import Testing

/// The router's cost model on known numbers, and its choice.
@Suite struct RouterTests {
    let market = CostModel.Market(halfSpreadBasisPoints: 1, displayedSize: 100, dailyVolatility: 0.02)

    @Test func marketOrderCostIsHalfSpreadPlusFeePlusImpact() throws {
        var model = CostModel()
        model.temporaryImpact = 0.1
        model.permanentImpact = 0.1
        let venues = [VenueCosts(name: "a", makerFeeBasisPoints: 0, takerFeeBasisPoints: 0.5)]
        let choices = model.candidates(quantity: 10, market: market, venues: venues)
        let take = try #require(choices.first { $0.type == .market && $0.slices == 1 })
        // 1 + 0.5 + (0.1 + 0.05) × 0.02 × (10 / 100) × 10 000 = 1.5 + 3 = 4.5 bps.
        #expect(abs(take.modelCostBasisPoints - 4.5) < 1e-9)
        let limit = try #require(choices.first { $0.type == .limit })
        // p = 0.5: 0.5 × (−1 + 0) + 0.5 × (4.5 + 0.02 / √390 × √1 × 10 000): the miss pays the market cost after a minute's drift.
        let expected = 0.5 * -1 + 0.5 * (4.5 + 0.02 / 390.0.squareRoot() * 10_000)
        #expect(abs(limit.modelCostBasisPoints - expected) < 1e-9)
        #expect(!choices.contains { $0.slices > 1 }, "10 lots fit in one slice of 20 % × 100")
    }

    @Test func anUnreachableVenueNeverLooksCheapForPassiveOrders() throws {
        let venues = [VenueCosts(name: "dark", makerFeeBasisPoints: -1, takerFeeBasisPoints: 0.1, liquidity: 0)]
        let choices = CostModel().candidates(quantity: 1, market: market, venues: venues)
        let market = try #require(choices.first { $0.type == .market })
        for passive in choices where passive.type != .market {
            #expect(passive.modelCostBasisPoints > market.modelCostBasisPoints, "no liquidity: a passive order never fills, it only waits")
        }
    }

    @Test func thePOVCandidateAppearsForLargeOrders() throws {
        let choices = CostModel().candidates(quantity: 100, market: market, venues: [VenueCosts(name: "a", makerFeeBasisPoints: 0, takerFeeBasisPoints: 1)])
        let pov = try #require(choices.first { $0.slices > 1 })
        #expect(pov.slices == 5, "slices of 20 lots")
        let sweep = try #require(choices.first { $0.type == .market && $0.slices == 1 })
        #expect(pov.modelCostBasisPoints < sweep.modelCostBasisPoints, "slicing a whole-book order is cheaper than sweeping it")
    }

    @Test func theCheaperVenueWins() throws {
        // Two venues, identical but for the taker fee and depth: B is cheaper for a market order.
        let venues = [VenueCosts(name: "a", makerFeeBasisPoints: 0.2, takerFeeBasisPoints: 3, liquidity: 0.5),
                      VenueCosts(name: "b", makerFeeBasisPoints: 0.2, takerFeeBasisPoints: 0.3, liquidity: 1)]
        let choices = CostModel().candidates(quantity: 5, market: market, venues: venues)
        let best = try #require(choices.min { $0.modelCostBasisPoints < $1.modelCostBasisPoints })
        #expect(best.venue == 1)
        let marketA = try #require(choices.first { $0.venue == 0 && $0.type == .market })
        let marketB = try #require(choices.first { $0.venue == 1 && $0.type == .market })
        #expect(marketB.modelCostBasisPoints < marketA.modelCostBasisPoints)
        #expect(Set(choices.map(\.arm)).count == choices.count, "every candidate learns on its own arm")
    }

    /// The report's latency histograms: order send → ack and → fill, in simulated time, are the
    /// venue's order latency plus its report latency.
    @Test func theRouterMeasuresOrderToAckAndOrderToFillLatency() throws {
        let instruments = [Instrument(symbol: "AAA", sector: "tech", pricePrecision: 2, lotSize: 1)]
        let kernel = Kernel(configuration: KernelConfiguration(seed: 3, startTime: 0))
        let venue = VenueProfile(name: "lit", makerFeeBasisPoints: 0, takerFeeBasisPoints: 1,
                                 orderLatency: .constant(2_000_000), ackLatency: .constant(500_000))
        // Passive orders never fill here (no prints): price them so, and market orders win.
        var costs = CostModel()
        costs.limitFillProbability = 0
        costs.peggedFillProbability = 0
        var router: Router?
        kernel.spawn("router") { context in
            let made = Router(context: context, parameters: Router.Parameters(
                venues: [VenueCosts(name: "lit", makerFeeBasisPoints: 0, takerFeeBasisPoints: 1)], costModel: costs, exploration: 0),
                              instruments: instruments)
            router = made
            return made
        }
        kernel.spawn("broker") { SimulatedBroker(context: $0, parameters: SimulatedBroker.Parameters(venues: [venue]), instruments: instruments) }
        let second: UInt64 = 1_000_000_000
        var inputs = [InputRecord(time: second, topic: kernel.topic(named: Topics.quotes),
                                  message: .quote(Quote(symbol: 0, bidPrice: 9_990, askPrice: 10_010, bidSize: 100, askSize: 100, exchangeTime: 0)))]
        for round in 0..<3 {
            let intent = Intent(symbol: 0, targetQuantity: 0, quantity: round % 2 == 0 ? 2 : -2, referencePrice: 10_000,
                                kellyWeight: 0, cappedWeight: 0, drawdownScale: 1, cvarScale: 1, traceID: UInt64(round + 1))
            inputs.append(InputRecord(time: second + UInt64(round + 1) * 100_000_000, topic: kernel.topic(named: Topics.approvedIntents),
                                      message: .intent(intent)))
        }
        try kernel.addInput(ArrayInputSource(inputs))
        _ = try kernel.run()
        let (acks, fills, orders, inFlight) = try #require(router).assumeIsolated {
            ($0.ackLatencyNanoseconds, $0.fillLatencyNanoseconds, $0.ordersSent, $0.parentsInFlight)
        }
        #expect(orders == 3)
        #expect(inFlight == 0, "finished parents leave the router's window: its memory does not grow with the run")
        #expect(acks.total == 3 && acks.counts[PowerOfTwoHistogram.bucket(of: 2_500_000)] == 3, "one ack per order: 2 ms in, 0.5 ms back")
        #expect(PowerOfTwoHistogram.bucket(of: 2_500_000) == 22 && PowerOfTwoHistogram.upperBound(of: 22) == 4_194_304, "2.5 ms is in [2²¹, 2²²) ns")
        #expect(fills.total == 3 && fills.counts[PowerOfTwoHistogram.bucket(of: 2_500_000)] == 3, "market orders fill on arrival: the fill travels with the ack")
    }
}
