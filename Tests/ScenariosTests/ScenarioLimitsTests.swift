@testable import Actors
import Foundation
import Kernel
import Messages
@testable import ScenarioDefinition
import Scenarios
import Testing

/// The bounds of docs/scenarios.md ("Bounds"): one test per rule, each with the value just inside
/// (accepted) and just outside (refused, naming the key and the bound).
@Suite struct ScenarioLimitsTests {
    static let base = """
        version: 1
        name: bounds
        seed: 1
        start: 2024-03-01T14:30:00Z
        duration: 1h
        universe:
          - { symbol: A, sector: s }
        feeds:
          - { type: gbm, interval: 1s, initial_price: 10.00 }
        """

    func problem(_ text: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.parse(text, file: "b.yaml")
            return nil
        } catch {
            return error
        }
    }

    func accepts(_ text: String) -> Bool { problem(text) == nil }

    @Test func initialCashIsAtMost10To15MinorUnits() throws {
        let atBound = try ScenarioLoader.parse(Self.base + "\naccount: { initial_cash: 10000000000000.00 }", file: "b.yaml")
        #expect(atBound.account.initialCashMinorUnits == 1_000_000_000_000_000)
        let above = try #require(problem(Self.base + "\naccount: { initial_cash: 10000000000000.01 }"))
        #expect(above.message == "account.initial_cash must be at most 10000000000000.00, found 10000000000000.01")
        #expect(above.line == 10 && above.hint?.contains("64-bit integers of minor units") == true)
        let beyond64Bits = try #require(problem(Self.base + "\naccount: { initial_cash: 92233720368547758.08 }"))
        #expect(beyond64Bits.message.contains("must be at most 10000000000000.00"), "too large for 64 bits is a bound, not a format error")
    }

    @Test func initialPriceIsAtMost10To12PriceUnits() throws {
        #expect(accepts(Self.base.replacingOccurrences(of: "10.00", with: "10000000000.00")))
        let above = try #require(problem(Self.base.replacingOccurrences(of: "10.00", with: "10000000000.01")))
        #expect(above.description.hasPrefix("b.yaml:9:47: error: feeds[0].initial_price must be at most 10000000000.00, found 10000000000.01"))
        #expect(above.hint?.contains("may grow 1,000×") == true)
        let nearInt64 = try #require(problem(Self.base.replacingOccurrences(of: "10.00", with: "92233720368547758.07")))
        #expect(nearInt64.message.contains("must be at most 10000000000.00"))
    }

    /// At precision 0 a price is multiplied by 100 into minor units: one unit is worth at most 10^12 of them.
    @Test func oneUnitIsWorthAtMost10To12MinorUnits() throws {
        let precisionZero = Self.base.replacingOccurrences(of: "sector: s }", with: "sector: s, price_precision: 0 }")
        #expect(accepts(precisionZero.replacingOccurrences(of: "10.00", with: "10000000000")))
        let above = try #require(problem(precisionZero.replacingOccurrences(of: "10.00", with: "10000000001")))
        #expect(above.message.contains("makes one unit of A (price_precision 0) worth 10000000001.00, more than 10000000000.00 (10^12 minor units)"))
    }

    /// The valuation domain's bound (MarketBounds): a scenario whose first order could not fill is refused.
    @Test func aSimpleTraderOrderIsWorthAtMost10To13MinorUnits() throws {
        let lots = Self.base.replacingOccurrences(of: "sector: s }", with: "sector: s, lot_size: 1000000 }")
        // 10^4 lots × 10^6 units × 10.00 (1,000 minor units) = 10^13 minor units: the bound itself.
        #expect(accepts(lots + "\ntrader: { quantity: 10000 }"))
        let above = try #require(problem(lots + "\ntrader: { quantity: 10001 }"))
        #expect(above.line == 10 && above.column == 21)
        #expect(above.message == "trader.quantity (10001) × lot_size (1000000) of A at feeds[0].initial_price is an order worth 10,001,000,000,000 minor units, more than 10^13")
        // Without a trader: section the simple trader still trades one lot.
        let largeLots = Self.base.replacingOccurrences(of: "sector: s }", with: "sector: s, lot_size: 1000000000 }")
        #expect(accepts(largeLots.replacingOccurrences(of: "10.00", with: "100.00")))
        let defaultQuantity = try #require(problem(largeLots.replacingOccurrences(of: "10.00", with: "100.01")))
        #expect(defaultQuantity.line == 7 && defaultQuantity.message.hasPrefix("trader.quantity (1) × lot_size (1000000000) of A"))
        #expect(accepts(largeLots.replacingOccurrences(of: "10.00", with: "100.01") + "\nagents:\n  - { type: sentiment }\nblender: {}\nsizer: {}"),
                "the sizer sizes from equity, not a fixed quantity")
    }

    @Test func everyTimerPeriodIsAtLeastOneMillisecond() throws {
        let agents = Self.base + "\nagents:\n  - { type: sentiment }\n"
        let cases: [(text: String, message: String)] = [
            (Self.base.replacingOccurrences(of: "interval: 1s", with: "interval: 999us"), "feeds[0].interval must be at least 1ms, found 999us"),
            (agents + "blender: { evaluation_interval: 1ns }", "blender.evaluation_interval must be at least 1ms, found 1ns"),
            (agents + "blender: {}\nselector: { count: 1, interval: 1ns }", "selector.interval must be at least 1ms, found 1ns"),
            (agents + "blender: {}\nsizer: { sample_interval: 0s }", "sizer.sample_interval must be at least 1ms, found 0"),
            (agents + "blender: {}\nsizer: {}\nrouter: { slice_interval: 500us }", "router.slice_interval must be at least 1ms, found 500us"),
        ]
        for (index, entry) in cases.enumerated() {
            let refused = try #require(problem(entry.text), "case \(index)")
            #expect(refused.message == entry.message, "case \(index)")
            #expect(refused.hint?.contains("the shortest period of any timer is 1ms") == true, "case \(index)")
        }
        #expect(accepts(agents + "blender: { evaluation_interval: 1ms }\nselector: { count: 1, interval: 1ms }\nsizer: { sample_interval: 1ms }\nrouter: { slice_interval: 1ms }"))
    }

    /// A timer's firings × symbols over the run are at most 2·10^9, like a feed's quotes.
    @Test func aTimerFiresAtMostTwoBillionTimesPerSymbolOverTheRun() throws {
        let long = Self.base.replacingOccurrences(of: "duration: 1h", with: "duration: 30d")
            .replacingOccurrences(of: "interval: 1s", with: "interval: 1h") + "\nagents:\n  - { type: sentiment }\n"
        // 30 days every 1ms is 2,592,000,000 evaluations of one symbol.
        let refused = try #require(problem(long + "blender: { evaluation_interval: 1ms }"))
        #expect(refused.message == "blender.evaluation_interval would make 2,592,000,000 forecast evaluations (every 1ms × 1 symbols over 30d)")
        #expect(refused.hint?.hasPrefix("at most 2,000,000,000 forecast evaluations per run") == true)
        #expect(accepts(long + "blender: { evaluation_interval: 2ms }"))
        let slates = try #require(problem(long + "blender: {}\nselector: { count: 1, interval: 1ms }"))
        #expect(slates.message.hasPrefix("selector.interval would make 2,592,000,000 slate evaluations"))
    }

    @Test func aSyntheticFeedQuotesAtMost2000Symbols() throws {
        func universe(_ count: Int) -> String {
            Self.base.replacingOccurrences(of: "  - { symbol: A, sector: s }\n", with: (0..<count).map { "  - { symbol: S\($0), sector: k\($0 % 7) }\n" }.joined())
                .replacingOccurrences(of: "type: gbm", with: "type: synthetic")
        }
        #expect(accepts(universe(2_000)))
        let refused = try #require(problem(universe(2_001)))
        #expect(refused.message == "feeds[0]: a synthetic feed quotes at most 2,000 symbols, the universe has 2001")
        #expect(refused.hint?.contains("use type: gbm") == true)
    }

    @Test func theUniverseHasAtMost100000Symbols() throws {
        // A list of scalars: refused by its length before any item is read.
        let refused = try #require(problem(Self.base.replacingOccurrences(of: "  - { symbol: A, sector: s }\n", with: "  [" + (0...100_000).map { "S\($0)" }.joined(separator: ", ") + "]\n")))
        #expect(refused.message == "universe lists 100001 instruments, more than the 100,000 a scenario may have")
    }

    @Test func theSelectorKeepsAtMost10MillionReturns() throws {
        let wide = Self.base.replacingOccurrences(of: "  - { symbol: A, sector: s }\n", with: (0..<200).map { "  - { symbol: S\($0) }\n" }.joined())
            + "\nagents:\n  - { type: sentiment }\nblender: {}\n"
        #expect(accepts(wide + "selector: { correlation_window: 50000 }"))
        let refused = try #require(problem(wide + "selector: { correlation_window: 50001 }"))
        #expect(refused.message == "selector.correlation_window (50001) × 200 symbols would keep 10,000,200 returns, more than 10,000,000")
        #expect(refused.hint == "the selector holds a window of returns per symbol: at most 50000 observations for 200 symbols")
    }

    @Test func aHorizonIsAtMost366Days() throws {
        // A run long enough that 366 days is at most half of it (a horizon must fit the run).
        let agents = Self.base.replacingOccurrences(of: "duration: 1h", with: "duration: 800d") + "\nagents:\n  - { type: sentiment, horizon: 366d }\n"
        #expect(accepts(agents))
        let refused = try #require(problem(agents.replacingOccurrences(of: "366d", with: "367d")))
        #expect(refused.message == "agents[0].horizon must be from 1ns to 366d, found 367d")
        #expect(try #require(problem(agents + "blender: { horizon: 0s }")).message == "blender.horizon must be from 1ns to 366d, found 0s")
    }

    /// An ema-cross horizon is `horizon_ticks` × the time between quotes: at most 366d too
    /// (1,000,000 ticks of 1d overflowed 64 bits and trapped the run).
    @Test func anEMACrossHorizonInTicksIsAtMost366Days() throws {
        let daily = Self.base.replacingOccurrences(of: "interval: 1s", with: "interval: 1d")
            .replacingOccurrences(of: "duration: 1h", with: "duration: 30d") + "\nagents:\n  - { type: ema-cross, fast: 2, slow: 3, horizon_ticks: 366 }\n"
        #expect(accepts(daily))
        let refused = try #require(problem(daily.replacingOccurrences(of: "horizon_ticks: 366", with: "horizon_ticks: 1000000")))
        #expect(refused.message == "agents[0].horizon_ticks (1000000) × the feed's interval (1d) is a horizon over 366d")
        #expect(refused.hint?.hasSuffix("at most 366 ticks at this interval") == true)
        // Fed by a CSV, the gap between quotes is the data's: the agent saturates rather than trap.
        var state = EMACrossState()
        state.absorb(mid: 100, time: 1, fastWeight: 0.5, slowWeight: 0.1, horizonTicks: 1_000_000)
        state.absorb(mid: 101, time: 1 + 1_000 * TimeUnits.nanosecondsPerDay, fastWeight: 0.5, slowWeight: 0.1, horizonTicks: 1_000_000)
        #expect(state.horizonNanoseconds == .max)
        state.absorb(mid: 102, time: 2 + 1_000 * TimeUnits.nanosecondsPerDay, fastWeight: 0.5, slowWeight: 0.1, horizonTicks: 20)
        #expect(state.horizonNanoseconds == 20)
    }

    @Test func jumpIntensityIsAtMost1000AYear() throws {
        let synthetic = Self.base.replacingOccurrences(of: "type: gbm", with: "type: synthetic")
        #expect(accepts(synthetic.replacingOccurrences(of: "initial_price: 10.00", with: "initial_price: 10.00, jump_intensity: 1000")))
        let refused = try #require(problem(synthetic.replacingOccurrences(of: "initial_price: 10.00", with: "initial_price: 10.00, jump_intensity: 1001")))
        #expect(refused.message == "feeds[0].jump_intensity must be between 0 and 1000, found 1001")
    }

    /// A run ends by 2261-12-31T23:59:59.999999999Z, the last time a signed 64-bit nanosecond span reaches.
    @Test func theRunEndsBy2262() throws {
        let late = Self.base.replacingOccurrences(of: "start: 2024-03-01T14:30:00Z", with: "start: 2261-12-31T00:00:00Z")
        #expect(accepts(late.replacingOccurrences(of: "duration: 1h", with: "duration: 23h59m")))
        let refused = try #require(problem(late.replacingOccurrences(of: "duration: 1h", with: "duration: 1d")))
        #expect(refused.message == "the run would end at 2262-01-01T00:00:00.000000000Z, after the last time Metronome can represent")
        let year = try #require(problem(Self.base.replacingOccurrences(of: "start: 2024-03-01T14:30:00Z", with: "start: 2555-01-01T00:00:00Z")))
        #expect(year.description.hasPrefix("b.yaml:4:8: error: start: year 2555 is after 2261"))
    }

    /// Misleading generic hints are gone: the message says what is wrong with the value.
    @Test func impossibleDatesAndOverlongDurationsSayWhatIsWrong() throws {
        let february = try #require(problem(Self.base.replacingOccurrences(of: "start: 2024-03-01T14:30:00Z", with: "start: 2024-02-30")))
        #expect(february.message == "start: 2024-02-30 is not a date: February 2024 has 29 days")
        let long = try #require(problem(Self.base.replacingOccurrences(of: "duration: 1h", with: "duration: 10000000d")))
        #expect(long.message == "duration: 10000000d is longer than the longest duration, 36500d (100 years)")
        let event = try #require(problem(Self.base.replacingOccurrences(
            of: "  - { type: gbm, interval: 1s, initial_price: 10.00 }",
            with: "  - type: synthetic\n    interval: 1s\n    initial_price: 10.00\n    events: [{ kind: crash, at: 2024-02-30T10:00:00Z, drop: 0.1 }]")))
        #expect(event.message.contains("2024-02-30 is not a date: February 2024 has 29 days"), "\(event.message)")
    }

    /// The O(sectors) test agrees with factoring the matrix, on every mix of sector sizes and correlations tried.
    @Test func theClosedFormCorrelationCheckAgreesWithCholesky() {
        let layouts: [[Int]] = [[1], [3], [1, 1], [2, 1], [4, 4, 1], [1, 1, 1, 1, 1], [5, 2], [3, 3, 3]]
        let values = (-19...19).map { Double($0) / 20 }
        var compared = 0
        for layout in layouts {
            let sectors = layout.enumerated().flatMap { index, size in Array(repeating: index, count: size) }
            for sector in values {
                for market in values {
                    let parameters = SyntheticMarketFeed.Parameters(
                        intervalNanoseconds: 1_000_000_000, drift: 0, volatility: 0.2, initialPrices: sectors.map { _ in 100 }, sectors: sectors,
                        sectorCorrelation: sector, marketCorrelation: market, jumpIntensity: 0, jumpMean: 0, jumpVolatility: 0,
                        stressedVolatilityMultiplier: 1, stressProbability: 0, recoveryProbability: 1, spreadTicks: 2, maximumSize: 100,
                        tradeProbability: 0, latencyNanoseconds: 0, alternativeData: nil)
                    let closedForm = SectorCorrelation.isPositiveDefinite(sectorSizes: layout, sector: sector, market: market)
                    #expect(closedForm == SyntheticMarketFeed.isValidCorrelation(parameters), "sizes \(layout), sector \(sector), market \(market)")
                    compared += 1
                }
            }
        }
        #expect(compared == 8 * 39 * 39)
    }

    /// Invalid UTF-8 is located by byte offset, line and column; valid multi-byte text passes.
    @Test func invalidUTF8IsLocatedToTheByte() throws {
        let bytes = Array("version: 1\nname: ca".utf8) + [0xE9] + Array("\n".utf8)
        #expect(SourceText.firstInvalidByteOffset(bytes) == 19)
        do {
            _ = try SourceText.decode(bytes, file: "u.yaml")
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.line == 2 && error.column == 9)
            #expect(error.message == "the file is not valid UTF-8: byte 0xE9 at byte offset 19 (line 2, column 9) is not part of a well-formed UTF-8 sequence")
        }
        #expect(SourceText.firstInvalidByteOffset(Array("latency: 300µs ✓".utf8)) == nil)
        #expect(SourceText.firstInvalidByteOffset([0x61, 0xC0, 0x80]) == 1, "an overlong NUL")
        #expect(SourceText.firstInvalidByteOffset([0x61, 0x62, 0xED, 0xA0, 0x80]) == 2, "a UTF-16 surrogate")
        #expect(SourceText.firstInvalidByteOffset([0xF0, 0x9F, 0x98]) == 0, "a truncated four-byte sequence")
    }

    /// The feeds hold a simulated price at 1,000× its initial price (a NaN at that ceiling too);
    /// below it the price is exactly the rounding the feeds always did.
    @Test func aSimulatedPriceIsHeldAt1000TimesItsInitialPrice() {
        #expect(GBMQuoteFeed.price(fromLog: log(10_005.0), initialPrice: 10_000) == 10_005)
        #expect(GBMQuoteFeed.price(fromLog: log(12_345.4), initialPrice: 10_000) == 12_345)
        #expect(GBMQuoteFeed.price(fromLog: 1_000, initialPrice: 10_000) == 10_000_000)
        #expect(GBMQuoteFeed.price(fromLog: .infinity, initialPrice: 10_000) == 10_000_000)
        #expect(GBMQuoteFeed.price(fromLog: .nan, initialPrice: 10_000) == 10_000_000)
        #expect(GBMQuoteFeed.price(fromLog: -.infinity, initialPrice: 10_000) == 0)
        #expect(GBMQuoteFeed.price(fromLog: 100, initialPrice: .max) == 9_000_000_000_000_000_000)
    }
}
