import Kernel
import Messages
import ScenarioDefinition

/// Everything a finished run reports.
public struct RunOutcome: Sendable {
    public var scenario: Scenario
    public var summary: RunSummary
    public var wallNanoseconds: Int64
    public var portfolio: PortfolioFigures
    public var orders: Int
    public var signals: Int
    /// What the journal writer did, when the run was recorded.
    public var journal: JournalWriter.Statistics?
    /// Ticks the input defense refused, by reason (every reason listed, in name order).
    public var quarantined: [(reason: String, count: Int)] = []
    /// The same by symbol and reason, with the first refused inputs.
    public var quarantine: QuarantineFigures? = nil
    /// The blender's figures, when the scenario has one.
    public var blender: BlenderFigures?
    /// The selector's figures, when the scenario has one.
    public var selector: SelectorFigures?
    /// The policy stage's figures, when the scenario has one.
    public var policy: PolicyFigures? = nil
    /// Per agent, in scenario order (enabled agents only).
    public var agents: [AgentFigures] = []
    /// Performance, execution and risk figures.
    public var trading: TradingFigures
    /// Equity, marks, fills and latencies over time (for the HTML report).
    public var series: RunSeries
    /// The PnL split among the agents (``PnLAttribution``), attributed as the run went.
    public var attribution: PnLAttribution

    public var wallSeconds: Double { Double(wallNanoseconds) / 1e9 }
    public var eventsPerSecond: Double { Double(summary.deliveries) / wallSeconds }
}

/// What the blender did.
public struct BlenderFigures: Sendable, Codable, Equatable {
    public var forecasts: Int
    /// The published (recalibrated) forecasts' expected calibration error and 1σ coverage.
    public var expectedCalibrationError: Double?
    public var oneSigmaCoverage: Double?
    /// The same for the raw blend, before recalibration.
    public var rawExpectedCalibrationError: Double?
    public var rawOneSigmaCoverage: Double?
    public var scored: Int
    /// Regime-1 weights by agent id − 1.
    public var weights: [Double]
    /// Every regime's weights: [regime − 1][agent id − 1].
    public var weightsByRegime: [[Double]]

    enum CodingKeys: String, CodingKey {
        case forecasts, scored, weights
        case expectedCalibrationError = "ece"
        case oneSigmaCoverage = "one_sigma_coverage"
        case rawExpectedCalibrationError = "raw_ece"
        case rawOneSigmaCoverage = "raw_one_sigma_coverage"
        case weightsByRegime = "weights_by_regime"
    }
}

/// What the selector's diversification bought.
public struct SelectorFigures: Sendable, Codable, Equatable {
    /// Every slate published, single-pick slates included.
    public var slates: Int
    /// The slates the correlation averages are over (two picks or more, after the window's warm-up).
    public var measuredSlates: Int
    public var explorations: Int
    public var averagePairCorrelation: Double
    public var topKAveragePairCorrelation: Double
    public var selectedAveragePairCorrelation: Double
    public var correlationReduction: Double?
    /// Slates scored in hindsight one interval later, their mean regret (bps of log return: the
    /// best K candidates' directional return − the slate's) and top-K hit rate (0…1).
    public var hindsightSlates: Int = 0
    public var meanRegretBasisPoints: Double?
    public var topKHitRate: Double?
    /// K / candidates, averaged: the hit rate of a slate drawn at random.
    public var chanceHitRate: Double?

    enum CodingKeys: String, CodingKey {
        case slates, explorations
        case hindsightSlates = "hindsight_slates"
        case meanRegretBasisPoints = "mean_regret_bps"
        case topKHitRate = "top_k_hit_rate"
        case chanceHitRate = "chance_hit_rate"
        case measuredSlates = "measured_slates"
        case averagePairCorrelation = "avg_pair_correlation"
        case topKAveragePairCorrelation = "topk_avg_pair_correlation"
        case selectedAveragePairCorrelation = "selected_avg_pair_correlation"
        case correlationReduction = "correlation_reduction"
    }
}

/// One agent's record in a run.
public struct AgentFigures: Sendable, Codable, Equatable {
    public var id: Int
    public var name: String
    public var type: String
    public var weight: Double
    public var signals: Int
    /// Share of scored forecasts on the right side of the realized return (nil: not tracked).
    public var hitRate: Double?
    /// Correlation of μ with the realized return over the horizon (nil: not tracked or too few).
    public var informationCoefficient: Double?
    /// The PnL attributed to the agent, in the account currency (``PnLAttribution``; filled in by the report).
    public var pnl: String?
    /// Messages of its package's own types it sent (docs/extending.md); nil for an agent that sends none.
    public var messages: Int? = nil

    enum CodingKeys: String, CodingKey {
        case id, name, type, weight, signals, pnl, messages
        case hitRate = "hit_rate"
        case informationCoefficient = "ic"
    }
}

/// The part of the run's PnL that no agent carries: with `agents[].pnl`, it adds up to `pnl`.
public struct AttributionFigures: Sendable, Codable, Equatable {
    /// Σ `agents[].pnl`.
    public var attributed: String
    /// PnL made while no recorded forecast stood behind the position, plus each agent's rounding to the cent.
    public var unattributed: String
}
