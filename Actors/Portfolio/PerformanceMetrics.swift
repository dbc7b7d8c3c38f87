import Kernel
import Messages

/// A run's performance figures, computed from its equity curve and trading totals.
///
/// Pure: the same inputs give the same bits on every machine. Money stays in integer minor units;
/// ratios are `Double`s reduced in one fixed order (oldest sample first). A ratio that cannot be
/// defined — no samples, no variance, no closing trade, no starting equity — is `nil`, never NaN
/// or infinity, so a report can print "n/a" instead of a number that means nothing.
public struct PerformanceMetrics: Sendable, Equatable {
    /// Which returns the ratios below were computed on (daily or per sample) and their
    /// annualization (``ReturnBasis``).
    public var basis: ReturnBasis
    /// Annualized Sharpe ratio of the basis returns (risk-free rate 0): mean ÷ sample standard
    /// deviation (n − 1) × √(periods per year). Nil with fewer than two returns or no variance.
    public var sharpe: Double?
    /// Annualized Sortino ratio: mean ÷ downside deviation × √(periods per year), where the
    /// downside deviation is √(Σ min(r, 0)² ÷ n) (target return 0, all n returns in the
    /// denominator). Nil without returns or without a single negative return.
    public var sortino: Double?
    /// Deflated Sharpe ratio of the basis returns for ``trials`` trials: a probability (0…1)
    /// (``ReturnStatistics/deflatedSharpe(of:trials:)``). Nil when the Sharpe ratio is.
    public var deflatedSharpe: Double?
    /// How many strategy configurations the deflated Sharpe ratio assumes were tried.
    public var trials: Int
    /// Compound annual growth rate of the basis returns. Nil without returns.
    public var annualReturn: Double?
    /// Annual return ÷ the maximum drawdown of the basis returns (daily closes on a run of days).
    /// Nil without a drawdown.
    public var calmar: Double?
    /// Largest fall from a running peak of the equity samples, as a fraction of that peak (0…1;
    /// a fall below zero equity counts as 1). 0 without samples.
    public var maxDrawdown: Double
    /// Expected shortfall at 95 % of the per-sample returns (whatever the basis), as a positive
    /// loss fraction (``ReturnStatistics/expectedShortfall(of:tailFraction:)``). Nil without returns.
    public var cvar95: Double?
    /// Expected shortfall at 99 % of the basis returns (over the basis horizon), as a positive
    /// loss fraction. Nil without returns.
    public var cvar99: Double?
    /// The longest time the equity spent under a previous peak (``EquityCurve/longestUnderwaterNanoseconds``).
    public var longestUnderwaterNanoseconds: DurationNanoseconds
    /// Traded notional ÷ initial equity (how many times the account was turned over). Nil when
    /// the initial equity is not positive.
    public var turnover: Double?
    /// What the closing fills realized: hit rate, profit factor, expectancy.
    public var trades: TradeTotals
    /// Final equity − initial equity (fees included).
    public var pnlMinorUnits: Int64
    /// The last sample of the curve (the initial equity without samples).
    public var finalEquityMinorUnits: Int64
    /// Fees paid over the run (negative for net rebates): carried for the report.
    public var feesMinorUnits: Int64
    /// How many basis returns the ratios were computed from.
    public var returnCount: Int

    /// Winning closing fills ÷ closing fills. Nil without a closing fill.
    public var hitRate: Double? { trades.hitRate }

    /// √(samples per year) for samples taken every `sampleIntervalNanoseconds` of trading time,
    /// under `calendar` (by default 252 sessions of 6.5 hours).
    public static func annualizationFactor(sampleIntervalNanoseconds: DurationNanoseconds,
                                           calendar: TradingCalendar = TradingCalendar()) -> Double {
        calendar.periodsPerYear(periodNanoseconds: sampleIntervalNanoseconds).squareRoot()
    }

    /// The figures of an equity curve: daily returns when it spans two dates or more, per-sample
    /// returns otherwise (``ReturnBasis/choose(for:calendar:)``).
    public static func measure(curve: EquityCurve, calendar: TradingCalendar = TradingCalendar(), tradedNotionalMinorUnits: Int64 = 0,
                               feesMinorUnits: Int64 = 0, trades: TradeTotals = TradeTotals(), trials: Int = 1) -> PerformanceMetrics {
        let (basis, equities) = ReturnBasis.choose(for: curve, calendar: calendar)
        var metrics = measure(initialEquityMinorUnits: curve.initialEquityMinorUnits, basisEquitiesMinorUnits: equities, basis: basis,
                              tradedNotionalMinorUnits: tradedNotionalMinorUnits, feesMinorUnits: feesMinorUnits, trades: trades,
                              trials: trials)
        metrics.maxDrawdown = maximumDrawdownFraction(initialEquityMinorUnits: curve.initialEquityMinorUnits,
                                                      equitySamplesMinorUnits: curve.samplesMinorUnits)
        metrics.cvar95 = ReturnStatistics.expectedShortfall(
            of: simpleReturns(initialEquityMinorUnits: curve.initialEquityMinorUnits, equitySamplesMinorUnits: curve.samplesMinorUnits),
            tailFraction: 0.05)
        metrics.longestUnderwaterNanoseconds = curve.longestUnderwaterNanoseconds
        metrics.finalEquityMinorUnits = curve.lastEquityMinorUnits
        metrics.pnlMinorUnits = curve.lastEquityMinorUnits - curve.initialEquityMinorUnits
        return metrics
    }

    /// The figures of one series of equities taken as the basis returns' end points (no time
    /// stamps: the underwater period is 0, and the drawdown and CVaR 95 are those of this series).
    ///
    /// - Parameters:
    ///   - initialEquityMinorUnits: equity before the first point: the first return starts here.
    ///   - basisEquitiesMinorUnits: the equities the returns run through, oldest first.
    ///   - tradedNotionalMinorUnits: Σ |fill notional| over the run.
    /// - Complexity: O(n log n) for n points (the CVaR tails are found by sorting the returns).
    public static func measure(initialEquityMinorUnits: Int64, basisEquitiesMinorUnits: [Int64], basis: ReturnBasis,
                               tradedNotionalMinorUnits: Int64 = 0, feesMinorUnits: Int64 = 0,
                               trades: TradeTotals = TradeTotals(), trials: Int = 1) -> PerformanceMetrics {
        let returns = simpleReturns(initialEquityMinorUnits: initialEquityMinorUnits, equitySamplesMinorUnits: basisEquitiesMinorUnits)
        let finalEquity = basisEquitiesMinorUnits.last ?? initialEquityMinorUnits
        let turnover = initialEquityMinorUnits > 0
            ? Double(tradedNotionalMinorUnits) / Double(initialEquityMinorUnits) : nil
        return PerformanceMetrics(
            basis: basis,
            sharpe: sharpe(of: returns).map { $0 * basis.annualizationFactor },
            sortino: sortino(of: returns).map { $0 * basis.annualizationFactor },
            deflatedSharpe: ReturnStatistics.deflatedSharpe(of: returns, trials: trials), trials: trials,
            annualReturn: ReturnStatistics.annualReturn(of: returns, periodsPerYear: basis.periodsPerYear),
            calmar: ReturnStatistics.calmar(of: returns, periodsPerYear: basis.periodsPerYear),
            maxDrawdown: maximumDrawdownFraction(initialEquityMinorUnits: initialEquityMinorUnits,
                                                 equitySamplesMinorUnits: basisEquitiesMinorUnits),
            cvar95: ReturnStatistics.expectedShortfall(of: returns, tailFraction: 0.05),
            cvar99: ReturnStatistics.expectedShortfall(of: returns, tailFraction: 0.01),
            longestUnderwaterNanoseconds: 0, turnover: turnover, trades: trades,
            pnlMinorUnits: finalEquity - initialEquityMinorUnits, finalEquityMinorUnits: finalEquity,
            feesMinorUnits: feesMinorUnits, returnCount: returns.count)
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
