import Kernel

/// A run's performance figures, computed from its equity curve and trading totals.
///
/// Pure: the same inputs give the same bits on every machine. Money stays in integer minor units;
/// ratios are `Double`s reduced in one fixed order (oldest sample first). A ratio that cannot be
/// defined — no samples, no variance, no closing trade, no starting equity — is `nil`, never NaN
/// or infinity, so a report can print "n/a" instead of a number that means nothing.
public struct PerformanceMetrics: Sendable, Equatable {
    /// Annualized Sharpe ratio of the per-sample simple returns (risk-free rate 0):
    /// mean ÷ sample standard deviation (n − 1) × annualization factor. Nil with fewer than two
    /// returns or no variance.
    public var sharpe: Double?
    /// Annualized Sortino ratio: mean ÷ downside deviation × annualization factor, where the
    /// downside deviation is √(Σ min(r, 0)² ÷ n) (target return 0, all n returns in the
    /// denominator). Nil without returns or without a single negative return.
    public var sortino: Double?
    /// Largest fall from a running peak, as a fraction of that peak (0…1; a fall below zero equity
    /// counts as 1). 0 without samples.
    public var maxDrawdown: Double
    /// Expected shortfall at 95% of the per-sample returns, as a positive loss fraction: the mean
    /// of the worst 5% of returns (⌊n ÷ 20⌋ of them; the single worst one when n < 20), negated.
    /// Negative when even the worst returns were gains. Nil without returns.
    public var cvar95: Double?
    /// Traded notional ÷ initial equity (how many times the account was turned over). Nil when
    /// the initial equity is not positive.
    public var turnover: Double?
    /// Winning closing fills ÷ closing fills. Nil without a closing fill.
    public var hitRate: Double?
    /// Final equity − initial equity (fees included).
    public var pnlMinorUnits: Int64
    /// The last sample of the curve (the initial equity without samples).
    public var finalEquityMinorUnits: Int64
    /// Fees paid over the run (negative for net rebates): carried for the report.
    public var feesMinorUnits: Int64
    /// How many per-sample returns the ratios were computed from.
    public var returnCount: Int

    public init(sharpe: Double?, sortino: Double?, maxDrawdown: Double, cvar95: Double?, turnover: Double?,
                hitRate: Double?, pnlMinorUnits: Int64, finalEquityMinorUnits: Int64, feesMinorUnits: Int64,
                returnCount: Int) {
        self.sharpe = sharpe
        self.sortino = sortino
        self.maxDrawdown = maxDrawdown
        self.cvar95 = cvar95
        self.turnover = turnover
        self.hitRate = hitRate
        self.pnlMinorUnits = pnlMinorUnits
        self.finalEquityMinorUnits = finalEquityMinorUnits
        self.feesMinorUnits = feesMinorUnits
        self.returnCount = returnCount
    }

    /// Trading days per year and trading hours per day behind the default annualization.
    public static let tradingDaysPerYear = 252.0
    public static let tradingNanosecondsPerDay = 6.5 * 3_600 * 1e9

    /// √(samples per year) for samples taken every `sampleIntervalNanoseconds` of trading time,
    /// with a year of 252 sessions of 6.5 hours: the factor that turns a per-sample Sharpe or
    /// Sortino ratio into an annual one (returns add up over time, deviations grow with √time).
    public static func annualizationFactor(sampleIntervalNanoseconds: DurationNanoseconds) -> Double {
        precondition(sampleIntervalNanoseconds > 0)
        let samplesPerYear = tradingDaysPerYear * tradingNanosecondsPerDay / Double(sampleIntervalNanoseconds)
        return samplesPerYear.squareRoot()
    }

    /// Computes the figures.
    ///
    /// - Parameters:
    ///   - initialEquityMinorUnits: equity before the first sample: the first return starts here.
    ///   - equitySamplesMinorUnits: the sampled equity, oldest first.
    ///   - tradedNotionalMinorUnits: Σ |fill notional| over the run.
    ///   - annualizationFactor: multiplies the per-sample Sharpe and Sortino; see
    ///     ``annualizationFactor(sampleIntervalNanoseconds:)``. Pass 1 for per-sample ratios.
    /// - Complexity: O(n log n) for n samples (the CVaR tail is found by sorting the returns).
    public static func measure(initialEquityMinorUnits: Int64, equitySamplesMinorUnits: [Int64],
                               tradedNotionalMinorUnits: Int64 = 0, feesMinorUnits: Int64 = 0,
                               winningCloses: Int = 0, closes: Int = 0,
                               annualizationFactor: Double) -> PerformanceMetrics {
        precondition(winningCloses >= 0 && winningCloses <= closes, "winning closes are a subset of closes")
        let returns = simpleReturns(initialEquityMinorUnits: initialEquityMinorUnits, equitySamplesMinorUnits: equitySamplesMinorUnits)
        let finalEquity = equitySamplesMinorUnits.last ?? initialEquityMinorUnits
        let turnover = initialEquityMinorUnits > 0
            ? Double(tradedNotionalMinorUnits) / Double(initialEquityMinorUnits) : nil
        let hitRate = closes > 0 ? Double(winningCloses) / Double(closes) : nil
        return PerformanceMetrics(
            sharpe: sharpe(of: returns).map { $0 * annualizationFactor },
            sortino: sortino(of: returns).map { $0 * annualizationFactor },
            maxDrawdown: maximumDrawdownFraction(initialEquityMinorUnits: initialEquityMinorUnits,
                                                 equitySamplesMinorUnits: equitySamplesMinorUnits),
            cvar95: expectedShortfall95(of: returns),
            turnover: turnover, hitRate: hitRate,
            pnlMinorUnits: finalEquity - initialEquityMinorUnits, finalEquityMinorUnits: finalEquity,
            feesMinorUnits: feesMinorUnits, returnCount: returns.count)
    }

    /// The figures of an equity curve, annualized for its sample interval.
    public static func measure(curve: EquityCurve, tradedNotionalMinorUnits: Int64 = 0, feesMinorUnits: Int64 = 0,
                               winningCloses: Int = 0, closes: Int = 0) -> PerformanceMetrics {
        measure(initialEquityMinorUnits: curve.initialEquityMinorUnits, equitySamplesMinorUnits: curve.samplesMinorUnits,
                tradedNotionalMinorUnits: tradedNotionalMinorUnits, feesMinorUnits: feesMinorUnits,
                winningCloses: winningCloses, closes: closes,
                annualizationFactor: annualizationFactor(sampleIntervalNanoseconds: curve.sampleIntervalNanoseconds))
    }

    // MARK: Pieces (public so that tests and reports can check each one on its own)

    /// Per-sample simple returns E[k] ÷ E[k−1] − 1, starting from the initial equity. A step from
    /// an equity at or below zero has no meaningful return and is left out.
    public static func simpleReturns(initialEquityMinorUnits: Int64, equitySamplesMinorUnits: [Int64]) -> [Double] {
        var returns: [Double] = []
        returns.reserveCapacity(equitySamplesMinorUnits.count)
        var previous = initialEquityMinorUnits
        for equity in equitySamplesMinorUnits {
            if previous > 0 { returns.append(Double(equity) / Double(previous) - 1) }
            previous = equity
        }
        return returns
    }

    /// Mean ÷ sample standard deviation, not annualized. Nil with fewer than two returns or when
    /// they are all equal.
    public static func sharpe(of returns: [Double]) -> Double? {
        guard returns.count >= 2, !allEqual(returns) else { return nil }
        let mean = mean(of: returns)
        var squares = 0.0
        for value in returns { squares += (value - mean) * (value - mean) }
        let deviation = (squares / Double(returns.count - 1)).squareRoot()
        return finiteRatio(mean, deviation)
    }

    /// Mean ÷ downside deviation (target 0), not annualized. Nil without a negative return.
    public static func sortino(of returns: [Double]) -> Double? {
        guard !returns.isEmpty else { return nil }
        var squares = 0.0
        for value in returns where value < 0 { squares += value * value }
        let deviation = (squares / Double(returns.count)).squareRoot()
        return finiteRatio(mean(of: returns), deviation)
    }

    /// Largest (peak − trough) ÷ peak over the initial equity and the samples, clamped to 0…1.
    /// Peaks at or below zero are skipped: a fraction of nothing is undefined.
    public static func maximumDrawdownFraction(initialEquityMinorUnits: Int64, equitySamplesMinorUnits: [Int64]) -> Double {
        var peak = initialEquityMinorUnits
        var worst = 0.0
        for equity in equitySamplesMinorUnits {
            if equity > peak { peak = equity }
            guard peak > 0 else { continue }
            let drawdown = Double(peak - equity) / Double(peak)
            if drawdown > worst { worst = drawdown }
        }
        return min(worst, 1)
    }

    /// Mean of the worst ⌊n ÷ 20⌋ returns (at least one), negated. Nil without returns.
    public static func expectedShortfall95(of returns: [Double]) -> Double? {
        guard !returns.isEmpty else { return nil }
        let tailCount = max(1, returns.count / 20)
        // Equal doubles are interchangeable, so an unstable sort still gives one tail.
        let ascending = returns.sorted()
        var sum = 0.0
        for index in 0..<tailCount { sum += ascending[index] }
        return -(sum / Double(tailCount))
    }

    private static func mean(of values: [Double]) -> Double {
        var sum = 0.0
        for value in values { sum += value }
        return sum / Double(values.count)
    }

    private static func allEqual(_ values: [Double]) -> Bool {
        guard let first = values.first else { return true }
        for value in values where value != first { return false }
        return true
    }

    private static func finiteRatio(_ numerator: Double, _ denominator: Double) -> Double? {
        guard denominator > 0 else { return nil }
        let ratio = numerator / denominator
        return ratio.isFinite ? ratio : nil
    }
}
