import Actors
import Kernel
import Messages
import ScenarioDefinition

/// The report's bootstrap intervals (`bootstrap` in the JSON report; docs/metrics.md): 95 %
/// stationary-block-bootstrap percentile intervals of the headline figures, each `[lower, upper]`
/// in the unit of the figure it brackets; a figure the resamples rarely define has none.
public struct BootstrapFigures: Sendable, Codable, Equatable {
    public var resamples: Int
    public var confidence: Double
    /// Mean block length, in basis returns (Politis–White, chosen from the returns).
    public var mean_block_length: Double
    public var sharpe: [Double]?
    public var sortino: [Double]?
    public var cvar_99: [Double]?
    /// In the account currency, like `pnl`.
    public var pnl: [String]?

    public init(_ intervals: MetricIntervals, pricePrecision: Int = 2) {
        resamples = intervals.resamples
        confidence = intervals.confidence
        mean_block_length = intervals.meanBlockLength
        sharpe = intervals.sharpe.map { [$0.lower, $0.upper] }
        sortino = intervals.sortino.map { [$0.lower, $0.upper] }
        cvar_99 = intervals.cvar99.map { [$0.lower, $0.upper] }
        pnl = intervals.pnlMinorUnits.map {
            [DecimalText.format(Int64($0.lower), precision: pricePrecision), DecimalText.format(Int64($0.upper), precision: pricePrecision)]
        }
    }
}
