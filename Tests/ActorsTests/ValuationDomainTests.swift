import Actors
import Kernel
import Messages
import Testing

/// The valuation domain (`MarketBounds.maximumPositionValueMinorUnits`): a price that would value
/// the book beyond it — a hostile feed ramping a held symbol — is refused where it would be
/// multiplied, never trapped on: the portfolio keeps its last valuable mark, the gate engages its
/// kill switch, the venue does not fill, the sizer does not size.
@Suite struct ValuationDomainTests {
    static let cents = Instrument(symbol: "A", sector: "s", pricePrecision: 2, lotSize: 1)
    static let bound = MarketBounds.maximumPositionValueMinorUnits
    static let second: UInt64 = 1_000_000_000

    static func quote(_ mid: Int64) -> Message {
        .quote(Quote(symbol: 0, bidPrice: mid - 1, askPrice: mid + 1, bidSize: 100, askSize: 100, exchangeTime: 0))
    }

    @Test func aCheckedNotionalIsTheExactValueInsideTheDomainAndNilBeyond() {
        let cents = Self.cents
        #expect(cents.checkedNotionalMinorUnits(quantity: 3, price: 10_005) == 30_015)
        #expect(cents.checkedNotionalMinorUnits(quantity: 1, price: Self.bound) == Self.bound, "the bound itself is inside")
        #expect(cents.checkedNotionalMinorUnits(quantity: 1, price: Self.bound + 1) == nil)
        #expect(cents.checkedNotionalMinorUnits(quantity: -2, price: Self.bound / 2) == -Self.bound)
        #expect(cents.checkedNotionalMinorUnits(quantity: 10_000, price: MarketBounds.maximumPriceMinorUnits) == nil, "10^19: would overflow")
        #expect(cents.checkedNotionalMinorUnits(quantity: .min, price: 1) == nil)
        // Precision 0 scales up by 100: the product is bounded before it is scaled.
        let whole = Instrument(symbol: "W", sector: "s", pricePrecision: 0, lotSize: 1)
        #expect(whole.checkedNotionalMinorUnits(quantity: 2, price: 7) == 1_400)
        #expect(whole.checkedNotionalMinorUnits(quantity: 1, price: Int64.max / 10) == nil)
        // Precision 8 scales down by 10^6, rounding half away from zero.
        let satoshis = Instrument(symbol: "S", sector: "s", pricePrecision: 8, lotSize: 1)
        #expect(satoshis.checkedNotionalMinorUnits(quantity: 1, price: 1_500_000) == 2)
        #expect(satoshis.checkedNotionalMinorUnits(quantity: Int64.max / 4, price: 4) == nil, "overflow before scaling down")
        #expect(cents.saturatedNotionalMinorUnits(quantity: -10_000, price: MarketBounds.maximumPriceMinorUnits) == -Self.bound)
        #expect(cents.saturatedNotionalMinorUnits(quantity: 10_000, price: MarketBounds.maximumPriceMinorUnits) == Self.bound)
    }

    /// Long 10,000 at 100.00, then a mid of 10^15 minor units: 10^19, past Int64. The mark is
    /// refused and counted; the book stays valued at its last mark; a later sane mark is taken.
    @Test func thePortfolioKeepsItsLastValuableMark() throws {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        var portfolio: Portfolio?
        kernel.spawn("portfolio") { context in
            let made = Portfolio(context: context, instruments: [Self.cents], initialCashMinorUnits: 100_000_000)
            portfolio = made
            return made
        }
        let fills = kernel.topic(named: Topics.fills)
        let quotes = kernel.topic(named: Topics.quotes)
        try kernel.addInput(ArrayInputSource([
            InputRecord(time: 1, topic: fills, message: .fill(Fill(orderID: 1, symbol: 0, side: .buy, quantity: 10_000, price: 10_000,
                                                                    feeMinorUnits: 0, isFinal: true, traceID: 1, fillID: 1))),
            InputRecord(time: 2, topic: quotes, message: Self.quote(10_100)),
            InputRecord(time: 3, topic: quotes, message: Self.quote(MarketBounds.maximumPriceMinorUnits - 1)),
            InputRecord(time: 4, topic: quotes, message: Self.quote(Self.bound)),
            InputRecord(time: 5, topic: quotes, message: Self.quote(10_200)),
            // A broker's fill worth beyond the domain is not applied (and does not trap).
            InputRecord(time: 6, topic: fills, message: .fill(Fill(orderID: 2, symbol: 0, side: .buy, quantity: 1_000_000,
                                                                    price: MarketBounds.maximumPriceMinorUnits, feeMinorUnits: 0,
                                                                    isFinal: true, traceID: 2, fillID: 2))),
        ]))
        _ = try kernel.run()
        let book = try #require(portfolio)
        book.assumeIsolated { book in
            #expect(book.marksOutsideValuationDomain == 2)
            #expect(book.fillsOutsideValuationDomain == 1)
            #expect(book.positions == [10_000])
            // Cash 1,000,000.00 − 1,000,000.00; 10,000 marked at 102.00.
            #expect(book.equityMinorUnits == 10_000 * 10_200)
        }
    }

    /// A quote valuing the held position beyond the domain engages the kill switch (reasons
    /// kill_switch + valuation) and is no mark: new risk is refused afterwards.
    @Test func theGateStopsNewRiskOnAPriceBeyondTheDomain() throws {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: 100 * Self.second))
        var limits = GateLimits()
        limits.cooldownNanoseconds = 0
        var gate: RiskGate?
        kernel.spawn("gate") { context in
            let made = RiskGate(context: context, limits: limits, instruments: [Self.cents], initialCashMinorUnits: 100_000_000)
            gate = made
            return made
        }
        let sink = MessageSink()
        kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.gateDecisions], sink: sink) }
        let s = Self.second
        let quotes = kernel.topic(named: Topics.quotes)
        try kernel.addInput(ArrayInputSource([
            InputRecord(time: 1 * s, topic: quotes, message: Self.quote(10_000)),
            InputRecord(time: 2 * s, topic: kernel.topic(named: Topics.positions),
                        message: .position(PositionUpdate(symbol: 0, position: 10_000, cashMinorUnits: 0, realizedPnLMinorUnits: 0, traceID: 1))),
            InputRecord(time: 3 * s, topic: quotes, message: Self.quote(MarketBounds.maximumPriceMinorUnits - 1)),
            InputRecord(time: 4 * s, topic: kernel.topic(named: Topics.intents),
                        message: .intent(Intent(symbol: 0, targetQuantity: 10_001, quantity: 1, referencePrice: 10_000, kellyWeight: 0,
                                                cappedWeight: 0, drawdownScale: 1, cvarScale: 1, traceID: 2))),
        ]))
        _ = try kernel.run()
        let decisions = sink.messages.compactMap { if case .gate(let decision) = $0 { decision } else { nil } }
        #expect(decisions.first?.symbol == GateDecision.allSymbols && decisions.first?.reasons == [.killSwitch, .valuation])
        #expect(decisions.last?.outcome == .rejected && decisions.last?.reasons.contains(.killSwitch) == true)
        #expect(GateReasons([.killSwitch, .valuation]).names == ["kill_switch", "valuation"])
        let made = try #require(gate)
        made.assumeIsolated { gate in
            #expect(gate.killSwitchEngaged && gate.marksOutsideValuationDomain == 1)
        }
    }

    /// A fill beyond the domain is not made: the order's rest is cancelled with reason valuation.
    @Test func theVenueCancelsRatherThanFillBeyondTheDomain() {
        var venue = SimulatedVenue(index: 0, profile: VenueProfile(), instruments: [Self.cents])
        let price = MarketBounds.maximumPriceMinorUnits
        var events: [VenueEvent] = []
        venue.onQuote(Quote(symbol: 0, bidPrice: price - 2, askPrice: price, bidSize: 1_000_000, askSize: 1_000_000, exchangeTime: 0),
                      at: 1_000, into: &events)
        events.removeAll()
        venue.submit(Order(orderID: 1, symbol: 0, side: .buy, quantity: 100_000, limitPrice: 0, traceID: 1, venue: 0), at: 2_000, into: &events)
        let reports = events.compactMap { if case .report(let report) = $0 { report } else { nil } }
        #expect(reports.map(\.kind) == [.acknowledged, .cancelled])
        #expect(reports.last?.reason == .valuation && reports.last?.leavesQuantity == 100_000)
        #expect(!events.contains { if case .fill = $0 { true } else { false } })
        #expect(venue.workingOrderCount == 0)
    }

    /// Huge equity over a one-cent lot: the target is capped at the lots the domain holds.
    @Test func theSizerTargetsNoMoreThanTheDomainHolds() {
        let sizing = KellySizing()
        let result = sizing.size(mu: 0.01, sigma: 0.01, equityMinorUnits: MarketBounds.maximumEquityMinorUnits, drawdown: 0, cvar: nil,
                                 lotNotionalMinorUnits: 1, currentQuantity: 0)
        #expect(result.targetQuantity == Self.bound)
    }
}
