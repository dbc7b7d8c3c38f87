import Actors
import Kernel
import Messages
import Testing

@Suite struct PortfolioTests {
    @Test func notionalIsExactInMinorUnits() {
        let cents = Instrument(symbol: "A", sector: "x", pricePrecision: 2, lotSize: 1)
        #expect(cents.notionalMinorUnits(quantity: 3, price: 10_005) == 30_015)
        let mills = Instrument(symbol: "B", sector: "x", pricePrecision: 3, lotSize: 1)
        #expect(mills.notionalMinorUnits(quantity: 1, price: 100_005) == 10_001, "half rounds away from zero")
        #expect(mills.notionalMinorUnits(quantity: -1, price: 100_005) == -10_001)
        let whole = Instrument(symbol: "C", sector: "x", pricePrecision: 0, lotSize: 1)
        #expect(whole.notionalMinorUnits(quantity: 2, price: 7) == 1_400)
    }

    /// Fills in as inputs; the portfolio's cash, position and realized PnL must match hand math.
    @Test func booksFillsWithAverageCost() throws {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        let instrument = Instrument(symbol: "A", sector: "x", pricePrecision: 2, lotSize: 1)
        var portfolio: Portfolio?
        kernel.spawn("portfolio") { context in
            let made = Portfolio(context: context, instruments: [instrument], initialCashMinorUnits: 100_000)
            portfolio = made
            return made
        }
        let fills = kernel.topic(named: Topics.fills)
        let quotes = kernel.topic(named: Topics.quotes)
        func fill(_ side: Side, _ quantity: Int64, _ price: Int64, fee: Int64) -> Message {
            .fill(Fill(orderID: 1, symbol: 0, side: side, quantity: quantity, price: price, feeMinorUnits: fee, isFinal: true, traceID: 0))
        }
        try kernel.addInput(ArrayInputSource([
            InputRecord(time: 1, topic: fills, message: fill(.buy, 10, 10_000, fee: 10)),   // long 10 @ 100.00
            InputRecord(time: 2, topic: fills, message: fill(.buy, 10, 11_000, fee: 10)),   // long 20 @ avg 105.00
            InputRecord(time: 3, topic: fills, message: fill(.sell, 25, 12_000, fee: 10)),  // close 20 (+300.00), short 5 @ 120
            InputRecord(time: 4, topic: quotes, message: .quote(Quote(symbol: 0, bidPrice: 11_900, askPrice: 11_900, bidSize: 1,
                                                                       askSize: 1, exchangeTime: 4))),
        ]))
        _ = try kernel.run()
        let book = try #require(portfolio)
        book.assumeIsolated { book in
            #expect(book.positions == [-5])
            #expect(book.realizedPnLMinorUnits == [30_000])
            #expect(book.feesMinorUnits == 30)
            // 1000.00 − 1000.00 − 1100.00 + 3000.00 − fees 0.30
            #expect(book.cashMinorUnits == 100_000 - 100_000 - 110_000 + 300_000 - 30)
            // Short 5 marked at 119.00: equity = cash − 595.00
            #expect(book.equityMinorUnits == 189_970 - 59_500)
            #expect(book.fills == 3)
        }
    }

    // MARK: A hand-made book across three instruments and two sectors

    static let universe = [
        Instrument(symbol: "A", sector: "tech", pricePrecision: 2, lotSize: 1),
        Instrument(symbol: "B", sector: "energy", pricePrecision: 2, lotSize: 1),
        Instrument(symbol: "C", sector: "tech", pricePrecision: 3, lotSize: 1),
    ]

    static func fill(_ symbol: SymbolID, _ side: Side, _ quantity: Int64, _ price: Int64, fee: Int64, id: UInt64) -> Message {
        .fill(Fill(orderID: id, symbol: symbol, side: side, quantity: quantity, price: price, feeMinorUnits: fee,
                   isFinal: true, traceID: id, fillID: id))
    }

    static func quote(_ symbol: SymbolID, bid: Int64, ask: Int64) -> Message {
        .quote(Quote(symbol: symbol, bidPrice: bid, askPrice: ask, bidSize: 1, askSize: 1, exchangeTime: 0))
    }

    /// Runs `records` (time, topic name, message) through a fresh portfolio; returns it with
    /// everything it published on the positions topic.
    static func runBook(_ records: [(Timestamp, String, Message)], instruments: [Instrument] = universe,
                        initialCashMinorUnits: Int64 = 1_000_000, sectors: [Int]? = nil,
                        sampleIntervalNanoseconds: DurationNanoseconds = Portfolio.defaultSampleIntervalNanoseconds,
                        endTime: Timestamp? = nil) throws -> (Portfolio, MessageSink) {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: endTime))
        var portfolio: Portfolio?
        kernel.spawn("portfolio") { context in
            let made = Portfolio(context: context, instruments: instruments, initialCashMinorUnits: initialCashMinorUnits,
                                 sectors: sectors, sampleIntervalNanoseconds: sampleIntervalNanoseconds)
            portfolio = made
            return made
        }
        let sink = MessageSink()
        kernel.spawn("listener") { context in TopicRecorder(context: context, topics: [Topics.positions], sink: sink) }
        try kernel.addInput(ArrayInputSource(records.map { time, topic, message in
            InputRecord(time: time, topic: kernel.topic(named: topic), message: message)
        }))
        _ = try kernel.run()
        // The tests read the portfolio after this returns; its executor belongs to the kernel (an
        // unowned reference), so the kernel must outlive the test: leak it on purpose.
        _ = Unmanaged.passRetained(kernel)
        return (try #require(portfolio), sink)
    }

    /// Quotes and fills whose every figure was worked out by hand (comments: running cash).
    static let handMadeDay: [(Timestamp, String, Message)] = [
        (1, Topics.quotes, quote(0, bid: 9_990, ask: 10_010)),                      // A mid 100.00
        (2, Topics.fills, fill(0, .buy, 10, 10_010, fee: 5, id: 1)),                // −1001.00 −0.05 → 899_895
        (3, Topics.fills, fill(1, .sell, 4, 5_000, fee: 3, id: 2)),                 // B unquoted: marked at 50.00; → 919_892
        (4, Topics.quotes, quote(1, bid: 5_100, ask: 5_120)),                       // B mid 51.10
        (5, Topics.fills, fill(2, .sell, 3, 20_005, fee: 1, id: 3)),                // 3 × 20.005 = 60.015 → 60.02; → 925_893
        (6, Topics.fills, fill(0, .sell, 4, 10_500, fee: 2, id: 4)),                // close 4 of A: +19.60; → 967_891
        (7, Topics.fills, fill(1, .buy, 6, 5_200, fee: 2, id: 5)),                  // B short 4 → long 2: −8.00; → 936_689
        (8, Topics.quotes, quote(0, bid: 10_190, ask: 10_210)),                     // A mid 102.00
        (9, Topics.quotes, quote(2, bid: 19_990, ask: 20_000)),                     // C mid 19.995
    ]

    @Test func handMadeBookMatchesHandMath() throws {
        let (portfolio, sink) = try Self.runBook(Self.handMadeDay)
        portfolio.assumeIsolated { book in
            #expect(book.positions == [6, 2, -3])
            #expect(book.cashMinorUnits == 936_689)
            #expect(book.feesMinorUnits == 13)
            // A: 4 × (105.00 − 100.10) = 19.60; B: bought back 4 at 52.00 after selling at 50.00.
            #expect(book.realizedPnLMinorUnits == [1_960, -800, 0])
            #expect(book.openCostMinorUnits == [60_060, 10_400, -6_002])
            #expect(book.markPrices == [10_200, 5_110, 19_995])
            // A 6 × 102.00; B 2 × 51.10; C −3 × 19.995 = −59.985 → −59.99 (half away from zero).
            #expect(book.marketValuesMinorUnits == [61_200, 10_220, -5_999])
            #expect(book.unrealizedPnLMinorUnits == [1_140, -180, 3])
            #expect(book.totalRealizedPnLMinorUnits == 1_160)
            #expect(book.totalUnrealizedPnLMinorUnits == 963)
            #expect(book.equityMinorUnits == 936_689 + 61_200 + 10_220 - 5_999)
            #expect(book.equityMinorUnits - book.initialCashMinorUnits == 1_160 + 963 - 13)
            #expect(book.sectors == [0, 1, 0])
            #expect(book.sectorCount == 2)
            #expect(book.grossExposureBySectorMinorUnits == [61_200 + 5_999, 10_220])
            #expect(book.netExposureBySectorMinorUnits == [61_200 - 5_999, 10_220])
            #expect(book.grossExposureMinorUnits == 77_419)
            #expect(book.netExposureMinorUnits == 65_421)
            #expect(book.turnoverMinorUnits == 100_100 + 20_000 + 6_002 + 42_000 + 31_200)
            #expect(book.fills == 5)
            #expect(book.duplicateFillsIgnored == 0)
            #expect(book.closes == 2)
            #expect(book.winningCloses == 1)
            #expect(book.peakEquityMinorUnits >= book.equityMinorUnits)
        }
        let updates = sink.messages.compactMap { message -> PositionUpdate? in
            if case .position(let update) = message { update } else { nil }
        }
        #expect(updates.map(\.position) == [10, -4, -3, 6, 2])
        #expect(updates.map(\.cashMinorUnits) == [899_895, 919_892, 925_893, 967_891, 936_689])
        #expect(updates.map(\.realizedPnLMinorUnits) == [0, 0, 0, 1_960, -800])
    }

    @Test func explicitSectorsOverrideTheNames() throws {
        #expect(Portfolio.sectorIndices(for: Self.universe) == [0, 1, 0])
        #expect(Portfolio.sectorNames(for: Self.universe) == ["tech", "energy"])
        let (portfolio, _) = try Self.runBook(Self.handMadeDay, sectors: [2, 0, 0])
        portfolio.assumeIsolated { book in
            #expect(book.sectorCount == 3)
            #expect(book.grossExposureBySectorMinorUnits == [10_220 + 5_999, 0, 61_200])
            #expect(book.netExposureBySectorMinorUnits == [10_220 - 5_999, 0, 61_200])
        }
    }

    /// A resent fill (same fill id) is ignored: every figure and every published update is the same
    /// as without it.
    @Test func duplicatedFillChangesNothing() throws {
        var resent = Self.handMadeDay
        resent.insert((5, Topics.fills, Self.fill(1, .sell, 4, 5_000, fee: 3, id: 2)), at: 5)
        resent.append((10, Topics.fills, Self.fill(0, .buy, 10, 10_010, fee: 5, id: 1)))
        let (original, originalSink) = try Self.runBook(Self.handMadeDay)
        let (deduplicated, deduplicatedSink) = try Self.runBook(resent)
        let expected = original.assumeIsolated { Snapshot($0) }
        deduplicated.assumeIsolated { book in
            #expect(Snapshot(book) == expected)
            #expect(book.duplicateFillsIgnored == 2)
        }
        #expect(deduplicatedSink.messages == originalSink.messages)
    }

    /// Fill id 0 means "unknown" (logs from before fill ids): such fills are never deduplicated.
    @Test func fillsWithoutIDAreAlwaysApplied() throws {
        let unknown = Self.fill(0, .buy, 1, 10_000, fee: 0, id: 0)
        let (portfolio, _) = try Self.runBook([(1, Topics.fills, unknown), (2, Topics.fills, unknown)])
        portfolio.assumeIsolated { book in
            #expect(book.positions == [2, 0, 0])
            #expect(book.fills == 2)
            #expect(book.duplicateFillsIgnored == 0)
        }
    }

    // MARK: Equity curve

    /// A sample falls on the first grid point after any activity; a quiet stretch adds none, and
    /// the run ends one interval after its last input instead of ticking on forever.
    @Test func equityCurveSamplesOnTheGridAfterActivity() throws {
        let second: UInt64 = 1_000_000_000
        let (portfolio, _) = try Self.runBook([
            (10 * second, Topics.quotes, Self.quote(0, bid: 10_000, ask: 10_000)),
            (30 * second, Topics.fills, Self.fill(0, .buy, 10, 10_000, fee: 0, id: 1)),
            (70 * second, Topics.quotes, Self.quote(0, bid: 10_100, ask: 10_100)),    // +10.00
            (500 * second, Topics.quotes, Self.quote(0, bid: 9_900, ask: 9_900)),     // −20.00
        ])
        portfolio.assumeIsolated { book in
            #expect(book.sampleIntervalNanoseconds == 60 * second)
            #expect(book.equityCurve.originTime == 0)
            #expect(book.equityCurve.initialEquityMinorUnits == 1_000_000)
            #expect(book.equityCurve.sampleTimes == [60 * second, 120 * second, 540 * second])
            #expect(book.equityCurve.samplesMinorUnits == [1_000_000, 1_001_000, 999_000])
            book.recordFinalSample()  // nothing happened since the last sample: no change
            #expect(book.equityCurve.count == 3)
        }
    }

    /// With an end time before the next grid point, the final sample (taken when the run stops)
    /// records the last equity at the last event's time.
    @Test func finalSampleClosesTheCurve() throws {
        let second: UInt64 = 1_000_000_000
        let (portfolio, _) = try Self.runBook([
            (10 * second, Topics.fills, Self.fill(0, .buy, 10, 10_000, fee: 0, id: 1)),
            (75 * second, Topics.quotes, Self.quote(0, bid: 10_300, ask: 10_300)),
        ], sampleIntervalNanoseconds: 30 * second, endTime: 80 * second)
        portfolio.assumeIsolated { book in
            #expect(book.equityCurve.sampleTimes == [30 * second, 75 * second])
            #expect(book.equityCurve.samplesMinorUnits == [1_000_000, 1_003_000])
            #expect(book.equityCurve.nextGridTime(after: 75 * second) == 90 * second)
            #expect(book.equityCurve.nextGridTime(after: 90 * second) == 120 * second)
            book.recordFinalSample()
            #expect(book.equityCurve.count == 2, "idempotent")
            let metrics = book.performanceMetrics()
            #expect(metrics.finalEquityMinorUnits == 1_003_000)
            #expect(metrics.pnlMinorUnits == 3_000)
            #expect(metrics.turnover == 100_000.0 / 1_000_000.0)
            #expect(metrics.hitRate == nil, "no closing fill")
            #expect(metrics.returnCount == 2)
            // Both samples fall on one date: per-sample returns, annualized for the 30-second grid
            // under 252 sessions of 6 h 30 min: √(252 × 780).
            #expect(metrics.basis == ReturnBasis(kind: .perSample, horizonNanoseconds: 30 * second, periodsPerYear: 252 * 780, tradingDays: 1))
            let perSample = PerformanceMetrics.sharpe(of: PerformanceMetrics.simpleReturns(initialEquityMinorUnits: 1_000_000,
                                                                                           equitySamplesMinorUnits: [1_000_000, 1_003_000]))
            #expect(perSample != nil && metrics.sharpe == perSample.map { $0 * (252.0 * 780).squareRoot() })
            // A 24-hour session of the same grid: √(252 × 2,880).
            let around = book.performanceMetrics(calendar: TradingCalendar(sessionNanoseconds: 86_400 * second))
            #expect(around.basis.periodsPerYear == 252 * 2_880)
        }
    }

    @Test func hitRateCountsClosingFills() throws {
        let (portfolio, _) = try Self.runBook([
            (1, Topics.fills, Self.fill(0, .buy, 10, 10_000, fee: 0, id: 1)),
            (2, Topics.fills, Self.fill(0, .sell, 5, 10_100, fee: 100, id: 2)),  // +5.00 before fees: a win
            (3, Topics.fills, Self.fill(0, .sell, 5, 9_900, fee: 0, id: 3)),     // −5.00
            (4, Topics.fills, Self.fill(1, .sell, 1, 5_000, fee: 0, id: 4)),     // opens: not a close
            (5, Topics.fills, Self.fill(1, .buy, 1, 5_000, fee: 0, id: 5)),      // flat: not a win
        ])
        portfolio.assumeIsolated { book in
            #expect(book.closes == 3)
            #expect(book.winningCloses == 1)
            #expect(book.realizedPnLMinorUnits == [0, 0, 0])
            let metrics = book.performanceMetrics()
            #expect(metrics.hitRate == 1.0 / 3.0)
            // +5.00 and −5.00 (the flat close is neither): profit factor 1, expectancy 0 per close.
            #expect(metrics.trades == TradeTotals(closes: 3, winningCloses: 1, grossProfitMinorUnits: 500, grossLossMinorUnits: 500))
            #expect(metrics.trades.profitFactor == 1)
            #expect(metrics.trades.expectancyMinorUnits == 0)
        }
    }
}

/// Every figure of a portfolio, to compare two books at once.
struct Snapshot: Equatable {
    var cash: Int64, positions: [Int64], realized: [Int64], unrealized: [Int64], fees: Int64, equity: Int64
    var gross: [Int64], net: [Int64], turnover: Int64, fills: Int, closes: Int, winningCloses: Int
    var peak: Int64, drawdown: Int64

    init(_ book: isolated Portfolio) {
        cash = book.cashMinorUnits
        positions = book.positions
        realized = book.realizedPnLMinorUnits
        unrealized = book.unrealizedPnLMinorUnits
        fees = book.feesMinorUnits
        equity = book.equityMinorUnits
        gross = book.grossExposureBySectorMinorUnits
        net = book.netExposureBySectorMinorUnits
        turnover = book.turnoverMinorUnits
        fills = book.fills
        closes = book.closes
        winningCloses = book.winningCloses
        peak = book.peakEquityMinorUnits
        drawdown = book.maximumDrawdownMinorUnits
    }
}
