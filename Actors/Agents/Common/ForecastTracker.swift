import Kernel
import Messages

/// Keeps an agent honest about its uncertainty: remembers each forecast (feature value, μ, the
/// mid when it was made), and when the horizon has passed, scores it against the realized log
/// return. That feeds both the regression that maps the feature to μ and an exponentially
/// weighted mean of squared residuals whose root is σ — a real, out-of-sample uncertainty, not a
/// guess. The prior σ counts as one residual in that mean: it is a guess, so it gives way as soon
/// as residuals come in (as a start value of an EWMA it would weigh as much as its whole memory,
/// and a prior 4× too wide kept σ inflated for hours, which the blender's recalibration then
/// learned a horizon late).
public struct ForecastTracker: Sendable {
    struct Pending: Sendable {
        var time: Timestamp
        var feature: Double
        var mu: Double
        var logMid: Double
    }

    public let horizonNanoseconds: DurationNanoseconds
    /// False for a tracker that only scores forecasts made elsewhere (the EMA-crossover agent's,
    /// for the report): the regression and the residual mean, which nothing would read, are not
    /// kept, and a resolved forecast costs a third as much.
    public let fitsRegression: Bool
    private var pending: [Pending] = []
    private var head = 0
    public private(set) var regression: OnlineRegression
    /// Σ λᵏ e² over the residuals e (newest k = 0), with the prior σ² as one more; and Σ λᵏ.
    private var residualSquares: Double
    private var residualWeight = 1.0
    /// λ of the residual mean: a memory of 1 / (1 − λ) = 50 resolved forecasts.
    static let residualForgetting = 0.98
    public private(set) var resolved = 0
    /// Forecasts whose sign matched the realized return's, among resolved ones with μ ≠ 0.
    public private(set) var hits = 0
    public private(set) var scored = 0
    /// Sums for the correlation of μ with the realized return (the information coefficient).
    public private(set) var moments = Moments()

    /// Running sums of (μ, realized) pairs.
    public struct Moments: Sendable {
        public var count = 0.0
        var sumX = 0.0, sumY = 0.0, sumXX = 0.0, sumYY = 0.0, sumXY = 0.0

        public init() {}

        public mutating func add(_ x: Double, _ y: Double) {
            count += 1
            sumX += x
            sumY += y
            sumXX += x * x
            sumYY += y * y
            sumXY += x * y
        }

        public mutating func merge(_ other: Moments) {
            count += other.count
            sumX += other.sumX
            sumY += other.sumY
            sumXX += other.sumXX
            sumYY += other.sumYY
            sumXY += other.sumXY
        }

        /// Pearson correlation, or nil with fewer than 3 pairs or no variance.
        public var correlation: Double? {
            guard count >= 3 else { return nil }
            let covariance = sumXY - sumX * sumY / count
            let varianceX = sumXX - sumX * sumX / count
            let varianceY = sumYY - sumY * sumY / count
            guard varianceX > 0, varianceY > 0 else { return nil }
            return covariance / (varianceX * varianceY).squareRoot()
        }
    }

    /// - Parameters:
    ///   - priorSigma: σ before any forecast has been resolved.
    ///   - fitsRegression: false to score forecasts only (``fitsRegression``).
    public init(horizonNanoseconds: DurationNanoseconds, priorSigma: Double, forgetting: Double = 0.995, fitsRegression: Bool = true) {
        self.horizonNanoseconds = horizonNanoseconds
        self.fitsRegression = fitsRegression
        regression = OnlineRegression(forgetting: forgetting)
        residualSquares = priorSigma * priorSigma
    }

    public var sigma: Double { (residualSquares / residualWeight).squareRoot() }

    /// Records a forecast made at `time` when the mid was `logMid` (log price).
    public mutating func record(time: Timestamp, feature: Double, mu: Double, logMid: Double) {
        if head > 1_024 && head * 2 > pending.count {
            pending.removeFirst(head)
            head = 0
        }
        pending.append(Pending(time: time, feature: feature, mu: mu, logMid: logMid))
    }

    /// Whether a forecast is at least one horizon old at `time` (``observe(time:logMid:)`` would
    /// resolve one). A read, so that the agent, which sees every quote, makes the mutating call
    /// only when there is something to resolve: most quotes find nothing due.
    @inline(__always)
    public func hasDueForecast(at time: Timestamp) -> Bool {
        head < pending.count && time &- pending[head].time >= horizonNanoseconds
    }

    /// Resolves every forecast at least one horizon old against the mid now.
    /// - Complexity: amortized O(1) per forecast.
    public mutating func observe(time: Timestamp, logMid: Double) {
        while head < pending.count, time &- pending[head].time >= horizonNanoseconds {
            let forecast = pending[head]
            head += 1
            let realized = logMid - forecast.logMid
            if fitsRegression {
                let residual = realized - forecast.mu
                residualSquares = Self.residualForgetting * residualSquares + residual * residual
                residualWeight = Self.residualForgetting * residualWeight + 1
                regression.add(x: forecast.feature, y: realized)
            }
            resolved += 1
            if forecast.mu != 0 { moments.add(forecast.mu, realized) }
            if forecast.mu != 0 && realized != 0 {
                scored += 1
                if (forecast.mu > 0) == (realized > 0) { hits += 1 }
            }
        }
    }
}
