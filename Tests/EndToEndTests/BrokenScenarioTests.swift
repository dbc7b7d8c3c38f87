import Foundation
import Testing

/// Broken scenario files (Tests/Fixtures/broken) each give their `file:line:column` error and,
/// on the next line, its hint, with exit code 2, from `validate` and from `run`; and every
/// command's help has an example.
@Suite struct BrokenScenarioTests {
    static let cases: [(file: String, location: String, message: String, hint: String)] = [
        ("unknown-key", "9:54", "unknown key 'volatilty' in 'feeds[0]'",
         "did you mean 'volatility'? Allowed keys: name, type, interval, drift, volatility, initial_price, spread_ticks, max_size, latency"),
        ("wrong-type", "3:7", "seed must be a non-negative integer, found 'many'", "a whole number from 0 to 18446744073709551615, e.g. seed: 42"),
        ("not-a-list", "6:11", "universe must be a list, found the scalar 'ACME'", "one '- item' per line, or [a, b] on one line"),
        ("out-of-range", "11:32", "agents[0].weight must be between 0 and 1, found 1.5", "valid range: from 0 to 1"),
        ("integer-out-of-range", "7:46", "universe[0].price_precision must be between 0 and 8, found 12", "valid range: from 0 to 8"),
        ("missing-key", "9:5", "'feeds[0]' is missing the required key 'interval'", "add it, e.g. interval: 250ms"),
        ("misspelled-value", "9:13", "unknown feed type 'gmb'", "did you mean 'gbm'? available: gbm, synthetic, csv, daily-bars, daily-series"),
        ("bad-duration", "5:11", "duration must be a duration such as 250ms, 2s, 6h30m, found 'one hour'",
         "whole numbers with units ns, us, ms, s, m, h, d, largest first (1h30m, not 1.5h)"),
        ("unknown-event", "13:17", "unknown event kind 'meteor'", "available: volatility, crash, sentiment"),
        ("gate-without-sizer", "11:3", "gate: and router: belong to the execution side", "add sizer: {} for the default sizer"),
        ("bad-latency", "12:35", "broker.venues[0].order_latency must be a duration or one of normal:, lognormal:, empirical:",
         "for example order_latency: { lognormal: { median: 2ms, sigma: 0.5 } }"),
        ("not-yaml", "3:5", "not valid YAML", "check the brackets, quotes and indentation"),
        ("event-after-end", "9:3", "feed 'feed0': an event at 2024-03-01T16:30:00.000000000Z is after the scenario's end",
         "events take a UTC time or a duration after the start"),
        ("outage-backwards", "12:65", "broker.venues[0].down_until must be after down_from",
         "the venue is down from down_from (2024-03-01T15:00:00.000000000Z) until down_until, which must come later"),
        ("unknown-venue", "7:43", "universe[0].venues[1]: no venue named 'drak' in broker.venues", "did you mean 'dark'? known venues: lit, dark"),
        ("budget-unknown-stage", "12:5", "unknown key 'brokr' in 'budgets.wall'", "did you mean 'broker'?"),
        ("budget-percentiles-backwards", "12:30", "budgets.simulated.broker.p99 (2ms) is below p50 (5ms)",
         "percentiles only grow: p50 ≤ p99 ≤ p999 ≤ max"),
        ("budget-absent-stage", "12:12", "budgets.simulated.sizer: this scenario has no sizer stage",
         "its stages: feeds, trader, broker, portfolio, tick_to_order"),
        // Issue 18: values that trapped (or ran for hours) are refused by name, with the bound and why.
        ("year-2555", "4:8", "start: year 2555 is after 2261, the last year a time can have (64-bit nanosecond times end in April 2262)",
         "a UTC time from 1970-01-01T00:00:00Z to 2261-12-31T23:59:59.999999999Z"),
        ("february-30", "4:8", "start: 2024-02-30 is not a date: February 2024 has 29 days", "a UTC time from 1970-01-01T00:00:00Z"),
        ("duration-too-long", "5:11", "duration: 10000000d is longer than the longest duration, 36500d (100 years)", "durations run from 0 to 36500d"),
        ("run-ends-too-late", "5:11", "the run would end at 2262-01-30T00:00:00.000000000Z, after the last time Metronome can represent",
         "a UTC time from 1970-01-01T00:00:00Z to 2261-12-31T23:59:59.999999999Z"),
        ("price-too-large", "9:47", "feeds[0].initial_price must be at most 10000000000.00, found 92233720368547758.07",
         "prices are 64-bit integers of 10^-price_precision units; a simulated price may grow 1,000×"),
        ("cash-too-large", "10:26", "account.initial_cash must be at most 10000000000000.00, found 92233720368547758.07",
         "cash and profit and loss are 64-bit integers of minor units"),
        ("order-too-large", "10:21", "trader.quantity (1000000000) × lot_size (1000000) of A at feeds[0].initial_price is an order worth 1,000,000,000,000,000,000 minor units, more than 10^13",
         "no position, order or fill may be worth more than the valuation domain"),
        ("feed-interval-too-short", "9:28", "feeds[0].interval must be at least 1ms, found 100us", "the shortest period of any timer is 1ms"),
        ("selector-1ns", "13:33", "selector.interval must be at least 1ms, found 1ns", "the shortest period of any timer is 1ms"),
        ("blender-1ns", "12:33", "blender.evaluation_interval must be at least 1ms, found 1ns", "the shortest period of any timer is 1ms"),
        ("invalid-utf8", "2:10", "the file is not valid UTF-8: byte 0xE9 at byte offset 20 (line 2, column 10) is not part of a well-formed UTF-8 sequence",
         "scenario files are UTF-8 text"),
    ]

    @Test func everyBrokenFixtureIsListed() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: "Tests/Fixtures/broken").filter { $0.hasSuffix(".yaml") }
        #expect(Set(names.map { String($0.dropLast(5)) }) == Set(BrokenScenarioTests.cases.map(\.file)))
    }

    @Test(arguments: BrokenScenarioTests.cases.map(\.file))
    func aBrokenFileIsLocatedAndRefusedWithAHint(name: String) throws {
        let expected = try #require(BrokenScenarioTests.cases.first { $0.file == name })
        let path = "Tests/Fixtures/broken/\(name).yaml"
        for command in ["validate", "run"] {
            let result = try CommandRunner.metronome(command, path)
            #expect(result.exitCode == 2 && !result.crashed, "\(command) \(name): exit \(result.exitCode)")
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let errorLine = try #require(lines.firstIndex { $0.hasPrefix("\(path):\(expected.location): error: ") }, "\(command): \(result.stderr)")
            #expect(lines[errorLine].contains(expected.message), "\(command): \(result.stderr)")
            #expect(errorLine + 1 < lines.count && lines[errorLine + 1].hasPrefix("  hint: \(expected.hint)"), "\(command): \(result.stderr)")
            #expect(result.stdout.isEmpty, "nothing runs")
        }
    }

    @Test func everyCommandHelpSaysWhatAndShowsAnExample() throws {
        for command in [["run"], ["replay"], ["validate"], ["scenarios"], ["version"], ["log"], ["log", "inspect"], ["log", "cat"],
                        ["log", "verify"], ["log", "recover"], ["bench"], ["bench", "kernel"], ["bench", "log"], ["bench", "pipeline"],
                        ["bench", "execution"], ["live"], ["feed"], ["feed", "serve"], ["diff"], ["chaos"], ["merge"], ["slurm"],
                        ["slurm", "chaos"], ["slurm", "sweep"]] {
            let help = try CommandRunner.run(CommandRunner.product("metronome"), command + ["--help"])
            #expect(help.exitCode == 0, "\(command)")
            #expect(help.stdout.contains("OVERVIEW:") && help.stdout.contains("metronome \(command.joined(separator: " "))"), "\(command)")
            #expect(help.stdout.lowercased().contains("example"), "\(command) --help has an example")
        }
    }
}
