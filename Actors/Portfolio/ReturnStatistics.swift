#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Statistics of a series of simple returns, oldest first, with the definitions of empyrical
/// (Quantopian's, as maintained in `empyrical-reloaded`), against which Tests/Fixtures/metrics pins
/// them. Sums run in one fixed order (oldest first), so the same returns give the same bits on
/// every machine. An undefined figure is nil, never NaN or infinity.
public enum ReturnStatistics {
    /// Compound annual growth rate: (Π (1 + r))^(periodsPerYear ÷ n) − 1. Nil without returns,
    /// or when the account was wiped out (a growth factor at or below 0).
    public static func annualReturn(of returns: [Double], periodsPerYear: Double) -> Double? {
        guard !returns.isEmpty else { return nil }
        var growth = 1.0
        for value in returns { growth *= 1 + value }
        guard growth > 0 else { return nil }
        let annual = pow(growth, periodsPerYear / Double(returns.count)) - 1
        return annual.isFinite ? annual : nil
    }

    /// Largest fall of the compounded returns from their running peak (the starting value 1
    /// included), as a positive fraction: empyrical's `max_drawdown`, negated. 0 without returns.
    public static func maximumDrawdown(of returns: [Double]) -> Double {
        var value = 1.0
        var peak = 1.0
        var worst = 0.0
        for r in returns {
            value *= 1 + r
            if value > peak { peak = value }
            let drawdown = (peak - value) / peak
            if drawdown > worst { worst = drawdown }
        }
        return min(worst, 1)
    }

    /// Calmar ratio: annual return ÷ maximum drawdown of the same returns. Nil without a drawdown.
    public static func calmar(of returns: [Double], periodsPerYear: Double) -> Double? {
        let drawdown = maximumDrawdown(of: returns)
        guard drawdown > 0, let annual = annualReturn(of: returns, periodsPerYear: periodsPerYear) else { return nil }
        let ratio = annual / drawdown
        return ratio.isFinite ? ratio : nil
    }

    /// Expected shortfall at level 1 − `tailFraction` as a positive loss fraction: the mean of the
    /// ⌊(n − 1) × tailFraction⌋ + 1 worst returns, negated (empyrical's
    /// `conditional_value_at_risk(returns, cutoff: tailFraction)`, negated). Nil without returns.
    public static func expectedShortfall(of returns: [Double], tailFraction: Double) -> Double? {
        guard !returns.isEmpty else { return nil }
        precondition(tailFraction > 0 && tailFraction < 1)
        let tailCount = Int((Double(returns.count - 1) * tailFraction).rounded(.down)) + 1
        // Equal doubles are interchangeable, so an unstable sort still gives one tail.
        let ascending = returns.sorted()
        var sum = 0.0
        for index in 0..<tailCount { sum += ascending[index] }
        return -(sum / Double(tailCount))
    }

    /// Sample skewness (population moments): m₃ ÷ m₂^1.5. Nil with fewer than two returns or
    /// no variance.
    public static func skewness(of returns: [Double]) -> Double? {
        guard let (m2, m3, _) = centralMoments(of: returns) else { return nil }
        return m3 / pow(m2, 1.5)
    }

    /// Sample kurtosis (population moments, not excess: 3 for a normal): m₄ ÷ m₂². Nil with fewer
    /// than two returns or no variance.
    public static func kurtosis(of returns: [Double]) -> Double? {
        guard let (m2, _, m4) = centralMoments(of: returns) else { return nil }
        return m4 / (m2 * m2)
    }

    /// The deflated Sharpe ratio (Bailey & López de Prado 2014): the probability that the true
    /// Sharpe ratio exceeds SR₀, the best one expected from `trials` strategies without skill,
    ///
    ///     DSR = Φ((SR − SR₀) √(n − 1) ÷ √(1 − γ₃ SR + (γ₄ − 1) ÷ 4 × SR²))
    ///     SR₀ = σ_SR × ((1 − γ) Φ⁻¹(1 − 1 ÷ N) + γ Φ⁻¹(1 − 1 ÷ (N e))),  SR₀ = 0 for N = 1
    ///
    /// with SR the per-period (not annualized) Sharpe ratio, γ₃ the skewness, γ₄ the kurtosis,
    /// γ the Euler–Mascheroni constant and σ_SR² = (1 − γ₃ SR + (γ₄ − 1) ÷ 4 × SR²) ÷ (n − 1) the
    /// variance of the Sharpe estimator (a run does not know the spread of the other trials'
    /// Sharpe ratios, so it takes its own estimation error for it). Nil when the Sharpe ratio is.
    public static func deflatedSharpe(of returns: [Double], trials: Int) -> Double? {
        precondition(trials >= 1, "at least one trial: the run itself")
        guard let sharpe = PerformanceMetrics.sharpe(of: returns), returns.count >= 3,
              let skew = skewness(of: returns), let kurt = kurtosis(of: returns) else { return nil }
        let spread = 1 - skew * sharpe + (kurt - 1) / 4 * sharpe * sharpe
        guard spread > 0 else { return nil }
        let periods = Double(returns.count - 1)
        let threshold = trials == 1 ? 0 : (spread / periods).squareRoot() * expectedMaximumOfNormals(trials)
        return StandardNormal.cdf((sharpe - threshold) * periods.squareRoot() / spread.squareRoot())
    }

    /// E[max of N standard normals] ≈ (1 − γ) Φ⁻¹(1 − 1 ÷ N) + γ Φ⁻¹(1 − 1 ÷ (N e)), N ≥ 2.
    public static func expectedMaximumOfNormals(_ count: Int) -> Double {
        precondition(count >= 2)
        let eulerGamma = 0.577_215_664_901_532_9
        let n = Double(count)
        return (1 - eulerGamma) * StandardNormal.quantile(1 - 1 / n)
            + eulerGamma * StandardNormal.quantile(1 - 1 / (n * exp(1.0)))
    }

    /// Second, third and fourth central moments (divided by n). Nil with fewer than two returns
    /// or no variance.
    private static func centralMoments(of returns: [Double]) -> (Double, Double, Double)? {
        guard returns.count >= 2 else { return nil }
        var sum = 0.0
        for value in returns { sum += value }
        let mean = sum / Double(returns.count)
        var (m2, m3, m4) = (0.0, 0.0, 0.0)
        for value in returns {
            let deviation = value - mean
            let square = deviation * deviation
            m2 += square
            m3 += square * deviation
            m4 += square * square
        }
        let n = Double(returns.count)
        (m2, m3, m4) = (m2 / n, m3 / n, m4 / n)
        return m2 > 0 ? (m2, m3, m4) : nil
    }
}
