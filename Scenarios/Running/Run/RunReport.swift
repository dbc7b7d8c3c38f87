import Foundation
import Kernel
import Messages
import ScenarioDefinition

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
    /// Equity at the end (cash + positions at their marks), in the account currency.
    public var final_equity: String
    public var pnl: String
    public var fees: String
    /// Largest fall of the equity from its peak, as a fraction of the peak (0…1), on every fill and mark.
    public var max_drawdown: Double
    /// The largest fall in the account currency (the same marks; it need not be the same fall).
    public var max_drawdown_amount: String
    /// The basis of the return-based ratios: `basis` (`daily` or `per_sample`), `horizon`, `count`,
    /// `trading_days`, `periods_per_year`, `annualization_factor`, `trials` (docs/metrics.md).
    public var returns: TradingFigures.ReturnFigures
    public var sharpe: Double?
    public var sortino: Double?
    public var deflated_sharpe: Double?
    public var annual_return: Double?
    public var calmar: Double?
    public var cvar_95: Double?
    public var cvar_99: Double?
    public var longest_underwater_seconds: Double
    public var profit_factor: Double?
    public var expectancy: String?
    public var turnover: Double?
    public var hit_rate: Double?
    public var implementation_shortfall_bps: Double?
    public var duplicate_fills_ignored: Int
    public var marks_outside_valuation_domain: Int
    /// Venue rejects by reason.
    public var rejects: [String: Int]
    /// `approved`, `projected`, `rejected`, `by_reason`; absent without an execution side.
    public var gate: TradingFigures.GateFigures?
    public var kill_switch_engaged: Bool
    /// 95 % stationary-bootstrap intervals (`resamples`, `confidence`, `mean_block_length`, `sharpe`,
    /// `sortino`, `cvar_99`, `pnl`: each `[lower, upper]`); absent unless asked for (`--bootstrap N`).
    public var bootstrap: BootstrapFigures?
    public var timers_fired: UInt64
    public var jobs_run: UInt64
    /// Ticks quarantined by the input defense, by reason.
    public var quarantined: [String: Int]
    /// `judged` (inputs the input defense judged), `by_symbol` (`symbol`, `reason`, `count`, `judged`:
    /// the symbol's inputs judged) and `examples` (the first refused inputs: `time`, `time_ns`,
    /// `symbol`, `reason`, `type`, `detail`); absent when the run does not say (a live run's report).
    public var quarantine: QuarantineFigures?
    /// The blender's figures (`forecasts`, `ece`, `one_sigma_coverage`, `scored`, `weights`); absent without a blender.
    public var blender: BlenderFigures?
    /// The selector's figures (`slates`, `measured_slates`, `explorations`, `avg_pair_correlation`, `topk_avg_pair_correlation`,
    /// `selected_avg_pair_correlation`, `correlation_reduction`); absent without a selector.
    public var selector: SelectorFigures?
    /// The policy stage's figures (`decisions`, `intents`, `stops_hit`, `take_profits_hit`, `total_reward`); absent without one.
    public var policy: PolicyFigures?
    /// Per agent: `id`, `name`, `type`, `weight`, `signals`, `hit_rate`, `ic`, `pnl`, and `messages` for an agent that sent
    /// messages of its package's own types.
    public var agents: [AgentFigures]
    /// `attributed` (Σ `agents[].pnl`) and `unattributed`: together, `pnl`.
    public var pnl_attribution: AttributionFigures

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
        let trading = outcome.trading
        fills = trading.fills
        currency = outcome.scenario.account.currency
        final_equity = trading.final_equity
        pnl = trading.pnl
        fees = trading.fees
        max_drawdown = trading.max_drawdown
        max_drawdown_amount = DecimalText.format(outcome.portfolio.maximumDrawdown, precision: 2)
        returns = trading.returns
        sharpe = trading.sharpe
        sortino = trading.sortino
        deflated_sharpe = trading.deflated_sharpe
        annual_return = trading.annual_return
        calmar = trading.calmar
        cvar_95 = trading.cvar_95
        cvar_99 = trading.cvar_99
        longest_underwater_seconds = trading.longest_underwater_seconds
        profit_factor = trading.profit_factor
        expectancy = trading.expectancy
        turnover = trading.turnover
        hit_rate = trading.hit_rate
        implementation_shortfall_bps = trading.implementation_shortfall_bps
        duplicate_fills_ignored = trading.duplicate_fills_ignored
        marks_outside_valuation_domain = trading.marks_outside_valuation_domain
        rejects = trading.rejects
        gate = trading.gate
        kill_switch_engaged = trading.kill_switch_engaged
        bootstrap = trading.bootstrap
        timers_fired = summary.timersFired
        jobs_run = summary.jobsRun
        quarantined = Dictionary(uniqueKeysWithValues: outcome.quarantined.map { ($0.reason, $0.count) })
        quarantine = outcome.quarantine
        blender = outcome.blender
        selector = outcome.selector
        policy = outcome.policy
        agents = outcome.agents
        let (byAgent, unattributed) = outcome.attribution.rounded(agentIDs: outcome.agents.map(\.id))
        for index in agents.indices { agents[index].pnl = DecimalText.format(byAgent[index], precision: 2) }
        pnl_attribution = AttributionFigures(attributed: DecimalText.format(byAgent.reduce(0, +), precision: 2),
                                             unattributed: DecimalText.format(unattributed, precision: 2))
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
