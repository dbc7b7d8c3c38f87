import Kernel
import Messages

/// Percentile intervals of a run's headline figures under the stationary block bootstrap
/// (``StationaryBootstrap``): the basis returns (``ReturnBasis``) are resampled in blocks of the
/// automatically chosen mean length (``BootstrapBlockLength``), and each figure is recomputed on
/// every resample exactly as the report computes it on the run.
///
/// What an interval says: how far the figure could have come out differently had the same
/// strategy met another ordering of market days like these — not a forecast, and blind to
/// anything the run never saw.
public struct MetricIntervals: Sendable, Equatable {
    /// A two-sided percentile interval; nil ends where too few resamples defined the figure.
    public struct Interval: Sendable, Equatable {
        public var lower: Double
        public var upper: Double

        public init(lower: Double, upper: Double) {
            self.lower = lower
            self.upper = upper
        }
    }

    public var resamples: Int
    /// The central probability of each interval (0.95).
    public var confidence: Double
    public var meanBlockLength: Double
    /// Annualized Sharpe and Sortino ratios of the basis returns (the report's ``PerformanceMetrics``).
    public var sharpe: Interval?
    public var sortino: Interval?
    /// Expected shortfall at 99 % of the basis returns, as a positive loss fraction.
    public var cvar99: Interval?
    /// Final − initial equity when the resampled returns compound from the initial equity, in
    /// minor units (rounded to whole minor units).
    public var pnlMinorUnits: Interval?

    public init(resamples: Int, confidence: Double, meanBlockLength: Double, sharpe: Interval? = nil, sortino: Interval? = nil,
                cvar99: Interval? = nil, pnlMinorUnits: Interval? = nil) {
        self.resamples = resamples
        self.confidence = confidence
        self.meanBlockLength = meanBlockLength
        self.sharpe = sharpe
        self.sortino = sortino
        self.cvar99 = cvar99
        self.pnlMinorUnits = pnlMinorUnits
    }

    /// Resamples `returns` (the basis returns, oldest first) `resamples` times.
    /// Nil with fewer than 8 returns (no block length can be estimated) or no variance.
    /// - Complexity: O(resamples · n log n) (the CVaR sorts each resample).
    public static func measure(returns: [Double], basis: ReturnBasis, initialEquityMinorUnits: Int64, resamples: Int,
                               seed: UInt64, confidence: Double = 0.95) -> MetricIntervals? {
        precondition(resamples >= 1 && confidence > 0 && confidence < 1)
        guard let blockLength = BootstrapBlockLength.stationary(of: returns) else { return nil }
        var bootstrap = StationaryBootstrap(meanBlockLength: blockLength,
                                            stream: RandomStream(rootSeed: seed, streamName: "metrics.bootstrap"))
        var sharpes: [Double] = [], sortinos: [Double] = [], shortfalls: [Double] = [], pnls: [Double] = []
        var resample: [Double] = []
        resample.reserveCapacity(returns.count)
        for _ in 0..<resamples {
            bootstrap.resample(returns, into: &resample)
            if let value = PerformanceMetrics.sharpe(of: resample) { sharpes.append(value * basis.annualizationFactor) }
            if let value = PerformanceMetrics.sortino(of: resample) { sortinos.append(value * basis.annualizationFactor) }
            if let value = ReturnStatistics.expectedShortfall(of: resample, tailFraction: 0.01) { shortfalls.append(value) }
            var growth = 1.0
            for value in resample { growth *= 1 + value }
            pnls.append((Double(initialEquityMinorUnits) * (growth - 1)).rounded())
        }
        let tail = (1 - confidence) / 2
        func interval(_ values: inout [Double]) -> Interval? {
            // A figure defined on fewer than half the resamples has no interval worth printing.
            guard values.count * 2 >= resamples else { return nil }
            values.sort()
            guard let lower = StationaryBootstrap.quantile(tail, ofSorted: values),
                  let upper = StationaryBootstrap.quantile(1 - tail, ofSorted: values) else { return nil }
            return Interval(lower: lower, upper: upper)
        }
        return MetricIntervals(resamples: resamples, confidence: confidence, meanBlockLength: blockLength,
                               sharpe: interval(&sharpes), sortino: interval(&sortinos), cvar99: interval(&shortfalls),
                               pnlMinorUnits: interval(&pnls))
    }
}
