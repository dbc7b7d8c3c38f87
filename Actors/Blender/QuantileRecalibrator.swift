/// Online quantile recalibration of Gaussian forecasts, one map per regime.
///
/// A calibrated forecaster's probability integral transform u = Φ((r − μ) / σ) is uniform, so the
/// p-quantile of u is p. For each level p in ``levels`` the recalibrator tracks the p-quantile qₚ
/// of the raw forecasts' u by stochastic approximation (qₚ += γ (p − [u ≤ qₚ]), γ shrinking to
/// 1 / `window`, so old forecasts fade). The estimates of neighbouring levels can cross; a
/// pool-adjacent-violators fit makes them non-decreasing again. The recalibrated forecast is the
/// Gaussian whose quantiles best match the raw forecast's quantiles at the tracked levels:
/// with zₚ = Φ⁻¹(qₚ) and xₚ = Φ⁻¹(p), the least-squares line zₚ ≈ shift + scale · xₚ gives
/// μ' = μ + σ · shift and σ' = σ · scale.
///
/// It only ever sees forecasts already scored (``record(pit:regime:)`` is called when a
/// forecast's horizon has passed), and ``refit()`` runs on the blender's timer, so a published
/// forecast is recalibrated with what was known when it was made. All storage is allocated once.
public struct QuantileRecalibrator: Sendable {
    /// μ' = μ + σ · shift, σ' = σ · scale.
    public struct Map: Sendable, Equatable {
        public var shift = 0.0
        public var scale = 1.0
        public static let identity = Map()
    }

    /// The tracked levels: the deciles and the two 1σ levels Φ(∓1).
    public static let levels: [Double] = [0.1, StandardNormal.cdf(-1), 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, StandardNormal.cdf(1), 0.9]
    public static let regimes = 2
    /// The most the map scales σ by, either way.
    public static let scaleLimit = 10.0

    /// The effective memory, in scored forecasts.
    public let window: Int
    /// Scored forecasts a regime needs before its own map is used.
    public let minimumScored: Int
    private var quantiles: [[Double]]
    public private(set) var scored: [Int]
    public private(set) var maps: [Map]
    private var fitted: [Double]
    private var pav: PoolAdjacentViolators
    private let standardLevels: [Double]

    public init(window: Int = 600, minimumScored: Int = 100) {
        precondition(window > 0 && minimumScored >= 0)
        self.window = window
        self.minimumScored = minimumScored
        quantiles = Array(repeating: Self.levels, count: Self.regimes)
        scored = Array(repeating: 0, count: Self.regimes)
        maps = Array(repeating: .identity, count: Self.regimes)
        fitted = Self.levels
        pav = PoolAdjacentViolators(capacity: Self.levels.count)
        standardLevels = Self.levels.map(StandardNormal.quantile)
    }

    /// One scored raw forecast's u, made in `regime` (1 or 2).
    public mutating func record(pit: Double, regime: Int) {
        guard pit.isFinite, regime >= 1, regime <= Self.regimes else { return }
        let index = regime - 1
        // 1.5 / (n + 10): a start that does not jump to the first sample, then a gain that
        // settles at 1.5 / window (above 1, since the PIT's density at a tail level is below 1).
        let gain = 1.5 / Double(min(scored[index], window) + 10)
        for level in Self.levels.indices {
            let below = pit <= quantiles[index][level] ? 1.0 : 0.0
            quantiles[index][level] = min(max(quantiles[index][level] + gain * (Self.levels[level] - below), 0), 1)
        }
        scored[index] += 1
    }

    /// Refits every regime's map from its tracked quantiles.
    public mutating func refit() {
        for index in 0..<Self.regimes { maps[index] = scored[index] >= minimumScored ? fit(regime: index) : .identity }
    }

    /// The map for a forecast made in `regime`: its own once it has `minimumScored` forecasts, else
    /// the other regime's if that one has, else the identity.
    public func map(regime: Int) -> Map {
        let index = min(max(regime, 1), Self.regimes) - 1
        if scored[index] >= minimumScored { return maps[index] }
        let other = Self.regimes - 1 - index
        return scored[other] >= minimumScored ? maps[other] : .identity
    }

    /// The monotone quantiles (PAV), in standard-normal units, and their least-squares line.
    private mutating func fit(regime index: Int) -> Map {
        for level in Self.levels.indices { fitted[level] = quantiles[index][level] }
        pav.fit(&fitted)
        var meanX = 0.0
        var meanZ = 0.0
        for level in Self.levels.indices {
            fitted[level] = StandardNormal.quantile(min(max(fitted[level], 1e-6), 1 - 1e-6))
            meanX += standardLevels[level]
            meanZ += fitted[level]
        }
        meanX /= Double(Self.levels.count)
        meanZ /= Double(Self.levels.count)
        var covariance = 0.0
        var varianceX = 0.0
        for level in Self.levels.indices {
            covariance += (standardLevels[level] - meanX) * (fitted[level] - meanZ)
            varianceX += (standardLevels[level] - meanX) * (standardLevels[level] - meanX)
        }
        let slope = covariance / varianceX
        guard slope.isFinite else { return .identity }
        // A forecaster that is always exactly right would have every quantile on one point and a
        // σ of 0; the map never narrows or widens σ more than `scaleLimit` times.
        let scale = min(max(slope, 1 / Self.scaleLimit), Self.scaleLimit)
        return Map(shift: meanZ - scale * meanX, scale: scale)
    }
}
