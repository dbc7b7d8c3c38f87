/// One grid point's figures over its seeds: means (and the Sharpe ratio's spread) of what each
/// run reported. A figure no run defined is nil.
public struct SweepPointSummary: Sendable, Codable, Equatable {
    public var point: Int
    /// `KEY=VALUE` per axis, in the axes' order.
    public var settings: [String]
    public var runs: Int
    public var pnl_mean: Double
    public var sharpe_mean: Double?
    /// Sample standard deviation over the seeds (nil with fewer than two).
    public var sharpe_deviation: Double?
    public var sortino_mean: Double?
    public var deflated_sharpe_mean: Double?
    public var calmar_mean: Double?
    public var max_drawdown_mean: Double
    public var hit_rate_mean: Double?
    public var orders_mean: Double
    /// Runs whose kill switch engaged.
    public var kill_switch_runs: Int
    /// With `--bootstrap`: the means over seeds of the runs' 95 % interval bounds, `[lower, upper]`.
    public var sharpe_interval_mean: [Double]?
    public var pnl_interval_mean: [Double]?

    public init(point: Int, settings: [String], results: [SweepRunResult]) {
        self.point = point
        self.settings = settings
        runs = results.count
        pnl_mean = Self.mean(results.map(\.pnlValue)) ?? 0
        sharpe_mean = Self.mean(results.compactMap(\.sharpe))
        sharpe_deviation = Self.deviation(results.compactMap(\.sharpe))
        sortino_mean = Self.mean(results.compactMap(\.sortino))
        deflated_sharpe_mean = Self.mean(results.compactMap(\.deflated_sharpe))
        calmar_mean = Self.mean(results.compactMap(\.calmar))
        max_drawdown_mean = Self.mean(results.map(\.max_drawdown)) ?? 0
        hit_rate_mean = Self.mean(results.compactMap(\.hit_rate))
        orders_mean = Self.mean(results.map { Double($0.orders) }) ?? 0
        kill_switch_runs = results.filter(\.kill_switch_engaged).count
        sharpe_interval_mean = Self.meanInterval(results.compactMap { $0.bootstrap?.sharpe })
        pnl_interval_mean = Self.meanInterval(results.compactMap { $0.bootstrap?.pnl?.compactMap { Double($0) } })
    }

    /// Mean lower and mean upper bound of `[lower, upper]` pairs; nil without any.
    static func meanInterval(_ intervals: [[Double]]) -> [Double]? {
        let pairs = intervals.filter { $0.count == 2 }
        guard let lower = mean(pairs.map { $0[0] }), let upper = mean(pairs.map { $0[1] }) else { return nil }
        return [lower, upper]
    }

    public func value(_ metric: SweepMetric) -> Double? {
        switch metric {
        case .sharpe: sharpe_mean
        case .sortino: sortino_mean
        case .pnl: pnl_mean
        case .calmar: calmar_mean
        case .deflatedSharpe: deflated_sharpe_mean
        case .maxDrawdown: max_drawdown_mean
        }
    }

    /// Mean in one fixed order (the runs' order), nil when empty.
    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    static func deviation(_ values: [Double]) -> Double? {
        guard values.count >= 2, let mean = mean(values) else { return nil }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}
