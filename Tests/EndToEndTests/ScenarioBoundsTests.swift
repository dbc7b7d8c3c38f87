import Foundation
import Testing

/// A scenario at the bounds of docs/scenarios.md runs to its end: the bounds are what the
/// pipeline's arithmetic holds, not just numbers (issue 18: these values used to trap).
@Suite struct ScenarioBoundsTests {
    @Test func aScenarioAtEveryMoneyBoundRunsWithoutATrap() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("at-the-bounds.yaml")
        // The largest cash and price, a wild random walk (drift and volatility at their maximum),
        // and an EMA cross trading the largest order the price allows.
        try """
            version: 1
            name: at-the-bounds
            seed: 7
            start: 2024-03-01T14:30:00Z
            duration: 2h
            account: { initial_cash: 10000000000000.00 }
            universe:
              - { symbol: BIG, sector: s }
            feeds:
              - { type: gbm, interval: 1s, initial_price: 10000000000.00, drift: 10, volatility: 10, max_size: 1000000000 }
            agents:
              - { type: ema-cross, fast: 2, slow: 3 }
            trader: { quantity: 10, min_confidence: 0 }
            """.write(to: file, atomically: true, encoding: .utf8)
        let validate = try CommandRunner.metronome("validate", file.path)
        #expect(validate.exitCode == 0, "\(validate.stderr)")
        let run = try CommandRunner.metronome("run", file.path)
        #expect(run.exitCode == 0 && !run.crashed, "exit \(run.exitCode): \(run.stderr)")
        // It trades (orders of 10^13 minor units, the valuation domain's bound), so the portfolio's
        // arithmetic is exercised — and the wild walk takes prices past the domain, which are refused.
        let fills = run.stdout.split(separator: "\n").first { $0.hasPrefix("fills ") }.map { $0.split(separator: " ").last.map(String.init) ?? "" }
        #expect(fills != nil && fills != "0", "\(run.stdout)")
    }

    /// `--until` takes the same checked times and durations as a scenario file.
    @Test func untilOutOfRangeIsRefusedByName() throws {
        let year = try CommandRunner.metronome("run", "calm-day", "--until", "2555-01-01T00:00:00Z")
        #expect(year.exitCode == 2 && !year.crashed)
        #expect(year.stderr.contains("--until '2555-01-01T00:00:00Z': year 2555 is after 2261"), "\(year.stderr)")
        let february = try CommandRunner.metronome("run", "calm-day", "--until", "2024-02-30")
        #expect(february.stderr.contains("--until '2024-02-30': 2024-02-30 is not a date: February 2024 has 29 days"), "\(february.stderr)")
        let long = try CommandRunner.metronome("run", "calm-day", "--until", "10000000d")
        #expect(long.exitCode == 2 && long.stderr.contains("longer than the longest duration, 36500d (100 years)"), "\(long.stderr)")
    }
}
