/// The figure a sweep ranks its grid points by (`--metric`), averaged over the seeds.
public enum SweepMetric: String, Sendable, Codable, CaseIterable {
    case sharpe, sortino, pnl, calmar
    case deflatedSharpe = "deflated_sharpe"
    case maxDrawdown = "max_drawdown"

    /// Lower is better only for the drawdown.
    public var higherIsBetter: Bool { self != .maxDrawdown }

    public func value(of result: SweepRunResult) -> Double? {
        switch self {
        case .sharpe: result.sharpe
        case .sortino: result.sortino
        case .pnl: result.pnlValue
        case .calmar: result.calmar
        case .deflatedSharpe: result.deflated_sharpe
        case .maxDrawdown: result.max_drawdown
        }
    }
}
