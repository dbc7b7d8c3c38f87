import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioRunning

/// `metronome bench pipeline`: ticks and signals per second through a scenario's whole pipeline
/// (by default the twelve-agent `calm-day`), and what the signal side costs on top of generating
/// the ticks.
public enum PipelineBenchmark {
    public struct Result: Codable, Sendable {
        public var benchmark = "pipeline"
        public var scenario: String
        public var agents: Int
        /// Inputs admitted: quotes, trades and alternative data.
        public var ticks: UInt64
        public var signals: Int
        public var orders: Int
        public var events: UInt64
        /// Best wall time of the whole run.
        public var run_seconds: Double
        public var ticks_per_second: Double
        public var signals_per_second: Double
        public var events_per_second: Double
        /// Best wall time of the same scenario with no agents, blender or selector: feeds, input
        /// defense, trader, broker and portfolio only.
        public var feeds_only_seconds: Double
        /// Ticks per second of the signal side alone: ticks ÷ (run − feeds-only time).
        public var signal_side_ticks_per_second: Double
        public var repetitions: Int
        public var build: String
    }

    public static func run(scenario: Scenario, until: Timestamp? = nil, repetitions: Int = 3,
                           progress: (String) -> Void = { _ in }) throws -> Result {
        var best: RunOutcome?
        for repetition in 0..<repetitions {
            progress("full pipeline, run \(repetition + 1) of \(repetitions)")
            let outcome = try ScenarioRun(scenario: scenario, options: .init(until: until)).run()
            if best.map({ outcome.wallNanoseconds < $0.wallNanoseconds }) ?? true { best = outcome }
        }
        var feedsOnly = scenario
        feedsOnly.agents = []
        feedsOnly.blender = nil
        feedsOnly.selector = nil
        feedsOnly.trader.followAgentID = nil
        feedsOnly.trader.followsForecasts = false
        var feedsSeconds = Double.infinity
        for repetition in 0..<repetitions {
            progress("feeds only, run \(repetition + 1) of \(repetitions)")
            feedsSeconds = min(feedsSeconds, try ScenarioRun(scenario: feedsOnly, options: .init(until: until)).run().wallSeconds)
        }
        let outcome = best!
        let ticks = outcome.summary.inputs
        let seconds = outcome.wallSeconds
        return Result(
            scenario: scenario.name, agents: outcome.agents.count, ticks: ticks, signals: outcome.signals, orders: outcome.orders,
            events: outcome.summary.deliveries, run_seconds: seconds, ticks_per_second: Double(ticks) / seconds,
            signals_per_second: Double(outcome.signals) / seconds, events_per_second: outcome.eventsPerSecond,
            feeds_only_seconds: feedsSeconds,
            signal_side_ticks_per_second: seconds > feedsSeconds ? Double(ticks) / (seconds - feedsSeconds) : .infinity,
            repetitions: repetitions, build: BuildIdentity.configuration)
    }
}
