import Kernel
import Messages
import Scenarios
import Testing

@Suite struct ScenarioLoaderTests {
    static let valid = """
        version: 1
        name: test
        seed: 3
        start: 2024-03-01T14:30:00Z
        duration: 1h
        universe:
          - symbol: ACME
            price_precision: 2
        feeds:
          - type: gbm
            interval: 1s
            initial_price: 100.05
        agents:
          - type: ema-cross
            fast: 5
            slow: 20
        """

    func error(_ text: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.parse(text, file: "s.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func validScenarioLoadsWithDefaults() throws {
        let scenario = try ScenarioLoader.parse(ScenarioLoaderTests.valid, file: "s.yaml")
        #expect(scenario.name == "test")
        #expect(scenario.seed == 3)
        #expect(scenario.startTime == 1_709_303_400_000_000_000)
        #expect(scenario.endTime - scenario.startTime == 3_600_000_000_000)
        guard case .gbm(let feed) = scenario.feeds[0].kind else { Issue.record("gbm"); return }
        #expect(feed.initialPrices == [10_005], "decimal text to fixed point, exactly")
        #expect(scenario.account.initialCashMinorUnits == 50_000, "default account: 500 EUR")
        #expect(scenario.agents.count == 1 && scenario.agents[0].enabled)
    }

    @Test func unknownKeyIsLocatedWithAHint() throws {
        let text = ScenarioLoaderTests.valid.replacingOccurrences(of: "    interval: 1s", with: "    intervall: 1s\n    interval: 1s")
        let problem = try #require(error(text))
        #expect(problem.line == 11)
        #expect(problem.column == 5)
        #expect(problem.message.contains("unknown key 'intervall'"))
        #expect(problem.hint?.contains("did you mean 'interval'") == true)
        #expect(problem.description.hasPrefix("s.yaml:11:5: error: unknown key 'intervall'"))
    }

    @Test func wrongTypeAndOutOfRangeAreErrors() throws {
        let badType = try #require(error(ScenarioLoaderTests.valid.replacingOccurrences(of: "seed: 3", with: "seed: three")))
        #expect(badType.line == 3 && badType.message.contains("seed must be a non-negative integer"))
        let outOfRange = try #require(error(ScenarioLoaderTests.valid.replacingOccurrences(of: "price_precision: 2", with: "price_precision: 12")))
        #expect(outOfRange.line == 8 && outOfRange.message.contains("between 0 and 8"))
        let badDuration = try #require(error(ScenarioLoaderTests.valid.replacingOccurrences(of: "duration: 1h", with: "duration: 1 hour")))
        #expect(badDuration.line == 5 && badDuration.hint?.contains("units") == true)
        let slowNotSlower = try #require(error(ScenarioLoaderTests.valid.replacingOccurrences(of: "slow: 20", with: "slow: 4")))
        #expect(slowNotSlower.message.contains("must be greater than fast"))
        let tooPrecise = try #require(error(ScenarioLoaderTests.valid.replacingOccurrences(of: "100.05", with: "100.055")))
        #expect(tooPrecise.message.contains("at most 2 decimals"))
    }

    /// A feature agent's μ is learned from forecasts scored one horizon late: a horizon over half
    /// the run (1h here) would leave it silent most or all of the run, so the loader refuses it,
    /// naming the agent, its horizon and the run; half the run is the longest accepted.
    @Test func aHorizonLongerThanHalfTheRunIsRefused() throws {
        let agent = "agents:\n  - { name: cheap, type: value, horizon: 1d }\n"
        let problem = try #require(error(ScenarioLoaderTests.valid.replacingOccurrences(of: "agents:\n", with: agent)))
        #expect(problem.message.contains("agents[0]: agent 'cheap' has a horizon of 1d, more than half the run (1h)"), "\(problem)")
        #expect(problem.message.contains("μ would stay 0"), "\(problem)")
        #expect(problem.hint?.contains("at most 30m") == true, "\(problem)")
        #expect(problem.line > 0, "the error points at the horizon's line")
        let justOver = agent.replacingOccurrences(of: "horizon: 1d", with: "horizon: 31m")
        #expect(error(ScenarioLoaderTests.valid.replacingOccurrences(of: "agents:\n", with: justOver))?.message.contains("more than half the run") == true)
        let half = agent.replacingOccurrences(of: "horizon: 1d", with: "horizon: 30m")
        #expect(error(ScenarioLoaderTests.valid.replacingOccurrences(of: "agents:\n", with: half)) == nil)
        // The default horizon (30m) is held to the same rule.
        let shortRun = ScenarioLoaderTests.valid.replacingOccurrences(of: "duration: 1h", with: "duration: 40m")
            .replacingOccurrences(of: "agents:\n", with: "agents:\n  - { name: mood, type: sentiment }\n")
        #expect(error(shortRun)?.message.contains("agent 'mood' has a horizon of 30m, more than half the run (40m)") == true)
    }

    @Test func technicalAgentTakesABarInterval() throws {
        let technical = ScenarioLoaderTests.valid.replacingOccurrences(
            of: "agents:\n", with: "agents:\n  - { name: tech, type: technical, bar_interval: 5m, horizon: 30m }\n")
        let scenario = try ScenarioLoader.parse(technical, file: "t.yaml")
        #expect(scenario.agents.first?.kind == .technical(barNanoseconds: 300_000_000_000, horizonNanoseconds: 1_800_000_000_000, agentID: 1))
        #expect(scenario.agents.first?.typeName == "technical")
        let tooShort = try #require(error(technical.replacingOccurrences(of: "bar_interval: 5m", with: "bar_interval: 10us")))
        #expect(tooShort.message.contains("bar_interval must be at least 1ms"))
        let wrongKey = try #require(error(technical.replacingOccurrences(of: "bar_interval: 5m", with: "fast: 5")))
        #expect(wrongKey.message.contains("fast"))
    }

    @Test func missingAndConflictingKeys() throws {
        let missing = try #require(error(ScenarioLoaderTests.valid.replacingOccurrences(of: "name: test\n", with: "")))
        #expect(missing.message.contains("missing the required key 'name'"))
        let both = try #require(error(ScenarioLoaderTests.valid.replacingOccurrences(of: "duration: 1h", with: "duration: 1h\nend: 2024-03-02")))
        #expect(both.message.contains("either duration or end"))
        let version = try #require(error(ScenarioLoaderTests.valid.replacingOccurrences(of: "version: 1", with: "version: 2")))
        #expect(version.message.contains("unsupported scenario version 2"))
    }

    /// Every kind of error carries a hint: what was expected, the valid range, the allowed keys or
    /// values (with the closest one to a misspelling), or an example.
    @Test func everyErrorCarriesAHint() throws {
        let valid = ScenarioLoaderTests.valid
        let cases: [(text: String, hint: String)] = [
            (valid.replacingOccurrences(of: "seed: 3", with: "seed: three"), "a whole number from 0 to 18446744073709551615, e.g. seed: 42"),
            (valid.replacingOccurrences(of: "seed: 3", with: "seed: [3]"), "write a single value after the colon"),
            (valid.replacingOccurrences(of: "price_precision: 2", with: "price_precision: 12"), "valid range: from 0 to 8"),
            (valid.replacingOccurrences(of: "price_precision: 2", with: "price_precision: 2.5"), "a whole number from 0 to 8, without decimals"),
            (valid.replacingOccurrences(of: "duration: 1h", with: "duration: 1.5h"), "whole numbers with units ns, us, ms, s, m, h, d"),
            (valid.replacingOccurrences(of: "duration: 1h", with: "duration: 0s"), "e.g. duration: 6h30m"),
            (valid.replacingOccurrences(of: "duration: 1h", with: "duration: 1h\nend: 2024-03-02"), "remove one of them"),
            (valid.replacingOccurrences(of: "start: 2024-03-01T14:30:00Z", with: "start: yesterday"), "ISO 8601 in UTC ending in Z"),
            (valid.replacingOccurrences(of: "100.05", with: "100.055"), "exact decimal text such as 100.05"),
            (valid.replacingOccurrences(of: "100.05", with: "0"), "a price above zero"),
            (valid.replacingOccurrences(of: "name: test\n", with: ""), "add it, e.g. name: calm-day"),
            (valid.replacingOccurrences(of: "    interval: 1s\n", with: ""), "add it, e.g. interval: 250ms"),
            (valid.replacingOccurrences(of: "  - type: gbm", with: "  - type: gmb"), "did you mean 'gbm'? available: gbm, synthetic"),
            (valid.replacingOccurrences(of: "type: ema-cross", with: "type: ema-crossing"), "did you mean 'ema-cross'?"),
            (valid.replacingOccurrences(of: "    interval: 1s", with: "    intervall: 1s"), "did you mean 'interval' instead of 'intervall'?"),
            (valid.replacingOccurrences(of: "    interval: 1s", with: "    interval: 1s\n    drfit: 0.1"), "did you mean 'drift'? Allowed keys:"),
            (valid.replacingOccurrences(of: "slow: 20", with: "slow: 4"), "slow 6 or more"),
            (valid.replacingOccurrences(of: "version: 1", with: "version: 2"), "this build reads version 1"),
            (valid.replacingOccurrences(of: "universe:\n  - symbol: ACME\n    price_precision: 2", with: "universe: ACME"), "one '- item' per line"),
            (valid + "\naccount: 500", "write 'key: value' lines"),
            (valid + "\naccount: { initial_cash: 0 }", "e.g. initial_cash: 500.00"),
            (valid + "\nrecord: { path: x.mlog, codec: zip }", "available: zstd, lz4, none"),
            (valid + "\nrecord: { path: x.mlog, codec: none, level: 3 }", "remove level"),
            (valid + "\ntrader: { min_confidence: 2 }", "valid range: from 0 to 1"),
            (valid + "\ntrader: { follow: ema-crss }", "did you mean 'ema-cross'? agents: ema-cross"),
            (valid + "\nblender: { learning_rate: fast }", "a plain decimal number from 0 to 10, without units or %"),
            (valid + "\nselector: { count: 2 }\nblender: {}", "pick at most 1"),
            (valid + "\nbroker: { venues: [] }", "list at least one venue"),
            (valid + "\nbroker: { venues: [{ name: a }, { name: a }] }", "give each venue a distinct name"),
            (valid + "\nbroker: { venues: [{ name: a, down_from: 2024-03-01T15:00:00Z, down_until: 2024-03-01T14:00:00Z }] }", "must come later"),
            (valid + "\nbroker: { venues: [{ name: a, order_latency: { empirical: [] } }] }", "e.g. empirical: [1ms, 2ms, 5ms]"),
            (valid + "\nbroker: { venues: [{ name: a, order_latency: { gamma: 2ms } }] }", "lognormal: { median: 2ms, sigma: 0.5 }"),
            (valid + "\nbroker: { venues: [{ name: a, liquidity: yes }] }", "a plain decimal number from 0 to 100"),
            (valid + "\nagents2: []", "did you mean 'agents'?"),
            ("version: 1\nname: [unclosed\n", "check the brackets, quotes and indentation"),
            ("", "docs/scenarios.md"),
        ]
        for (index, entry) in cases.enumerated() {
            let problem = try #require(error(entry.text), "case \(index) should fail")
            let hint = try #require(problem.hint, "case \(index) (\(problem.message)) has no hint")
            #expect(hint.contains(entry.hint), "case \(index): \(problem.message) — hint: \(hint)")
            #expect(problem.description.contains("\n  hint: \(hint)"))
        }
    }

    @Test func universeVenuesNameTheBrokersVenues() throws {
        let twoVenues = ScenarioLoaderTests.valid
            .replacingOccurrences(of: "    price_precision: 2\n", with: "    price_precision: 2\n    venues: [dark]\n  - symbol: BOLT\n")
            + "\nbroker:\n  venues:\n    - { name: lit }\n    - { name: dark }\n"
        let scenario = try ScenarioLoader.parse(twoVenues, file: "v.yaml")
        #expect(scenario.universe.map(\.venues) == [["dark"], []], "listed venues, or every venue")
        #expect(scenario.trader.venueBySymbol == [1, 0], "the simple trader sends each symbol to its first listed venue")
        let unrestricted = try ScenarioLoader.parse(ScenarioLoaderTests.valid, file: "s.yaml")
        #expect(unrestricted.trader.venueBySymbol.isEmpty, "no restriction: orders go to venue 0 as before")

        let typo = try #require(error(twoVenues.replacingOccurrences(of: "venues: [dark]", with: "venues: [drak]")))
        #expect(typo.description.hasPrefix("s.yaml:9:14: error: universe[0].venues[0]: no venue named 'drak' in broker.venues"))
        #expect(typo.hint == "did you mean 'dark'? known venues: lit, dark")
        let single = try #require(error(ScenarioLoaderTests.valid.replacingOccurrences(of: "    price_precision: 2\n", with: "    price_precision: 2\n    venues: [lit]\n")))
        #expect(single.message.contains("no venue named 'lit'"))
        #expect(single.hint?.contains("known venues: venue (the single venue") == true)
        let empty = try #require(error(twoVenues.replacingOccurrences(of: "venues: [dark]", with: "venues: []")))
        #expect(empty.message.contains("must name at least one venue") && empty.hint?.contains("every venue") == true)
        let twice = try #require(error(twoVenues.replacingOccurrences(of: "venues: [dark]", with: "venues: [dark, dark]")))
        #expect(twice.message.contains("lists 'dark' twice"))
    }

    @Test func brokenYAMLIsLocated() throws {
        let problem = try #require(error("version: 1\nname: [unclosed\n"))
        #expect(problem.line >= 2)
        #expect(problem.message.contains("not valid YAML"))
    }

    @Test func durationsAndTimestamps() {
        #expect(DurationText.parse("250ms") == 250_000_000)
        #expect(DurationText.parse("6h30m") == 23_400_000_000_000)
        #expect(DurationText.parse("10ns") == 10)
        #expect(DurationText.parse("1.5s") == nil)
        #expect(DurationText.parse("5 parsecs") == nil)
        #expect(DurationText.format(5_400_000_000_000) == "1h30m")
        #expect(TimestampText.parse("2024-03-01T14:30:00Z") == 1_709_303_400_000_000_000)
        #expect(TimestampText.parse("2024-03-01T14:30:00.25Z") == 1_709_303_400_250_000_000)
        #expect(TimestampText.parse("2024-02-30") == nil)
        #expect(DecimalText.fixedPoint("-1.5", precision: 2) == -150)
        #expect(DecimalText.format(-150, precision: 2) == "-1.50")
    }
}
