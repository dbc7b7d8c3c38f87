import Foundation
import Kernel

/// The JSON report of `metronome run --report-json`. Field names are stable (docs/scenarios.md);
/// new fields may be added, existing ones never change meaning.
public struct RunReport: Codable, Sendable, Equatable {
    public var scenario: String
    public var seed: UInt64
    public var mode: String
    public var events: UInt64
    public var inputs: UInt64
    public var wall_seconds: Double
    public var events_per_second: Double
    public var digest: String
    public var decision_digest: String
    public var stop_reason: String
    public var sim_start: String
    public var sim_end: String
    public var signals: Int
    public var orders: Int
    public var fills: Int
    public var currency: String
    public var pnl: String
    public var fees: String
    public var max_drawdown: String
    public var timers_fired: UInt64
    public var jobs_run: UInt64
    /// Ticks quarantined by the input defense, by reason.
    public var quarantined: [String: Int]
    /// The blender's figures (`forecasts`, `ece`, `one_sigma_coverage`, `scored`, `weights`); absent without a blender.
    public var blender: BlenderFigures?
    /// The selector's figures (`slates`, `explorations`, `avg_pair_correlation`, `topk_avg_pair_correlation`,
    /// `selected_avg_pair_correlation`, `correlation_reduction`); absent without a selector.
    public var selector: SelectorFigures?
    /// Per agent: `id`, `name`, `type`, `weight`, `signals`, `hit_rate`, `ic`.
    public var agents: [AgentFigures]

    public init(_ outcome: RunOutcome) {
        let summary = outcome.summary
        scenario = outcome.scenario.name
        seed = summary.seed
        mode = summary.mode.rawValue
        events = summary.deliveries
        inputs = summary.inputs
        wall_seconds = outcome.wallSeconds
        events_per_second = outcome.eventsPerSecond.rounded()
        digest = summary.digestHex
        decision_digest = summary.decisionDigestHex
        stop_reason = summary.stopReason.rawValue
        sim_start = TimeUnits.iso8601(summary.startTime)
        sim_end = TimeUnits.iso8601(summary.endTime)
        signals = outcome.signals
        orders = outcome.orders
        fills = outcome.portfolio.fills
        currency = outcome.scenario.account.currency
        pnl = DecimalText.format(outcome.portfolio.profitAndLoss, precision: 2)
        fees = DecimalText.format(outcome.portfolio.fees, precision: 2)
        max_drawdown = DecimalText.format(outcome.portfolio.maximumDrawdown, precision: 2)
        timers_fired = summary.timersFired
        jobs_run = summary.jobsRun
        quarantined = Dictionary(uniqueKeysWithValues: outcome.quarantined.map { ($0.reason, $0.count) })
        blender = outcome.blender
        selector = outcome.selector
        agents = outcome.agents
    }

    /// Pretty, key-sorted JSON with a trailing newline.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
