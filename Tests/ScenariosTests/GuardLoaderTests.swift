import Actors
import Kernel
import Messages
import Scenarios
import Testing

/// The feeds' `guard:` key: good values, defaults by resolution, and located errors for bad ones.
@Suite struct GuardLoaderTests {
    static let sp500 = ScenarioLocator.resolve("sp500-2008").map { path in
        String(path.split(separator: "/", omittingEmptySubsequences: false).dropLast(2).joined(separator: "/")) + "/Data/sp500.csv"
    } ?? "sp500.csv"

    /// A scenario with a gbm feed of `interval` (its `guard`, if any) and a daily-bars feed.
    static func text(gbm: String = "", daily: String = "", interval: String = "1s", extraFeed: String = "") -> String {
        """
        version: 1
        name: guard
        start: 2008-09-02
        duration: 10d
        universe:
          - { symbol: ACME, price_precision: 2 }
          - { symbol: SPX, price_precision: 2 }
        feeds:
          - { name: ticks, type: gbm, interval: \(interval), initial_price: 100.00\(gbm) }
          - { name: spx, type: daily-bars, symbol: SPX, path: \(sp500)\(daily) }
        \(extraFeed)
        """
    }

    func load(_ text: String) throws(ScenarioError) -> Scenario { try ScenarioLoader.parse(text, file: "g.yaml") }

    func error(_ text: String) -> ScenarioError? {
        do {
            _ = try load(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func defaultsFollowEachFeedsResolution() throws {
        let scenario = try load(GuardLoaderTests.text())
        #expect(scenario.feeds.map(\.spikeFilter) == [nil, nil])
        #expect(scenario.spikeFilters() == [.tick, .defaults(forResolution: TimeUnits.nanosecondsPerDay)])
        #expect(scenario.spikeFilters()[1].thresholdMADs == 10)
        // A live run's feed is a tick stream: every symbol gets the tick defaults.
        #expect(scenario.spikeFilters(liveFeed: true) == [.tick, .tick])
        // A gbm feed of hourly quotes is judged as hourly bars.
        let hourly = try load(GuardLoaderTests.text(interval: "1h"))
        #expect(hourly.spikeFilters()[0] == .defaults(forResolution: 3_600_000_000_000))
    }

    @Test func guardKeysSetTheFilterAndTheRestKeepTheirDefaults() throws {
        let scenario = try load(GuardLoaderTests.text(gbm: ", guard: { threshold: 8 }", daily: ", guard: { window: 41, min_move: 0.15 }"))
        let ticks = scenario.spikeFilters()[0]
        #expect(ticks == SpikeFilterSettings(window: 21, thresholdMADs: 8, minimumRelativeMove: 0.002))
        let daily = scenario.spikeFilters()[1]
        #expect(daily == SpikeFilterSettings(window: 41, thresholdMADs: 10, minimumRelativeMove: 0.15))
        let off = try load(GuardLoaderTests.text(daily: ", guard: off"))
        #expect(off.spikeFilters() == [.tick, .off])
        let csv = try load(GuardLoaderTests.text(gbm: ", guard: { window: 3, threshold: 1, min_move: 0 }"))
        #expect(csv.spikeFilters()[0] == SpikeFilterSettings(window: 3, thresholdMADs: 1, minimumRelativeMove: 0))
    }

    @Test(arguments: [
        (", guard: { windw: 30 }", 9, "unknown key 'windw' in 'feeds[0].guard'", "did you mean 'window'?"),
        (", guard: { window: 2 }", 9, "feeds[0].guard.window (accepted quotes per symbol) must be between 3 and 1000, found 2", "valid range"),
        (", guard: { window: 1001 }", 9, "must be between 3 and 1000, found 1001", "valid range"),
        (", guard: { window: 21.5 }", 9, "feeds[0].guard.window (accepted quotes per symbol) must be an integer, found '21.5'", "a whole number"),
        (", guard: { threshold: 0 }", 9, "feeds[0].guard.threshold (robust standard deviations, 1.4826 × MAD) must be between 1 and 1000, found 0", "valid range"),
        (", guard: { threshold: lots }", 9, "must be a number, found 'lots'", "a plain decimal number"),
        (", guard: { min_move: 5% }", 9, "feeds[0].guard.min_move (a fraction of the price: 0.05 is 5 %) must be a number, found '5%'", "without units or %"),
        (", guard: { min_move: 1.5 }", 9, "must be between 0 and 1, found 1.5", "valid range"),
        (", guard: on", 9, "feeds[0].guard must be off or a mapping of window, threshold, min_move, found 'on'", "guard: off"),
        (", guard: [21, 5]", 9, "feeds[0].guard must be off or a mapping of window, threshold, min_move, found a list", "guard: { window: 21"),
    ])
    func badGuardValuesAreLocatedWithAHint(_ guardText: String, _ line: Int, _ message: String, _ hint: String) throws {
        let problem = try #require(error(GuardLoaderTests.text(gbm: guardText)))
        #expect(problem.file == "g.yaml" && problem.line == line, "\(problem)")
        #expect(problem.message.contains(message), "\(problem)")
        #expect(problem.hint?.contains(hint) == true, "\(problem)")
    }

    @Test func aDailySeriesHasNoFilterToSet() throws {
        let series = "  - { name: credit, type: daily-series, path: \(GuardLoaderTests.sp500), kind: credit_spread, column: Close, guard: off }"
        let problem = try #require(error(GuardLoaderTests.text(extraFeed: series)))
        #expect(problem.line == 11 && problem.message.contains("feeds[2].guard: a daily-series feed publishes alternative data"), "\(problem)")
    }

    @Test func twoFeedsMustAgreeOnASymbol() throws {
        let second = "  - { name: more, type: gbm, interval: 1s, initial_price: 100.00, guard: off }"
        let problem = try #require(error(GuardLoaderTests.text(extraFeed: second)))
        #expect(problem.message.contains("feeds 'ticks' and 'more' both quote ACME with different guard: settings (window 21, threshold 5 MADs, min move 0.2 % against off)"),
                "\(problem)")
        // The same settings agree; a daily-bars feed's own symbol is its own.
        #expect(error(GuardLoaderTests.text(extraFeed: second.replacingOccurrences(of: "guard: off", with: "guard: { threshold: 5 }"))) == nil)
    }

    /// The window × symbols bound: a wide universe cannot make the defense keep unbounded windows.
    @Test func windowTimesSymbolsIsBounded() throws {
        let universe = (0..<10_001).map { "  - { symbol: S\($0) }" }.joined(separator: "\n")
        let text = """
            version: 1
            name: wide
            start: 2024-03-01T14:30:00Z
            duration: 1m
            universe:
            \(universe)
            feeds:
              - { type: gbm, interval: 1s, initial_price: 100.00, guard: { window: 1000 } }
            """
        let problem = try #require(error(text))
        #expect(problem.message.contains("feeds[0].guard.window (1000) × 10001 symbols would keep 10,001,000 prices, more than 10,000,000"), "\(problem)")
        #expect(problem.hint?.contains("at most 999 for 10001 symbols") == true, "\(problem)")
    }

    /// A scenario read back from a log needs no data files (its inputs are recorded).
    @Test func dataFilesAreOptionalForARecordedScenario() throws {
        let moved = GuardLoaderTests.text().replacingOccurrences(of: GuardLoaderTests.sp500, with: "../nowhere/sp500.csv")
        #expect(error(moved)?.message.contains("no file at") == true)
        let scenario = try ScenarioLoader.parse(moved, file: "g.yaml", requireDataFiles: false)
        #expect(scenario.spikeFilters()[1] == .defaults(forResolution: TimeUnits.nanosecondsPerDay))
    }
}
