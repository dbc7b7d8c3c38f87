/// Widens or narrows the recalibrated forecast's σ so that μ ± σ holds the realized return as
/// often as a Gaussian's 1σ band does (68.27 %).
///
/// The quantile map (``QuantileRecalibrator``) is fitted to the raw blend's PIT over every level
/// at once, and it lags: it learns from forecasts a horizon old while the blend's weights keep
/// moving. What it publishes can therefore cover less than 68 %. This corrector looks at the
/// forecasts *as they were published by the map* — z = (r − μ′) / σ′ of each scored one — and
/// tracks the 68.27 % quantile c of |z| by stochastic approximation
/// (c += γ ([|z| > c] − 0.3173), γ = `gainScale` / (min(n, window) + 10)). A forecast published
/// with σ″ = c · σ′ then covers 68.27 % if the misses of the recent past repeat; c = 1 means the
/// map already covers right. Before any forecast is scored c is 1 (the start counts as ten
/// forecasts that agree with the map).
///
/// It sees only forecasts already scored, its input does not depend on c (z is taken with σ′,
/// not σ″), so there is no feedback loop, and it allocates nothing.
public struct CoverageCorrector: Sendable {
    /// The share of a standard normal within ±1: Φ(1) − Φ(−1).
    public static let target = StandardNormal.cdf(1) - StandardNormal.cdf(-1)
    /// The most c moves σ by, either way.
    public static let scaleLimit = 10.0

    /// The effective memory, in scored forecasts.
    public let window: Int
    /// Scales the step. |z|'s density at its 68 % quantile is about 0.48 for a Gaussian, so a
    /// gain above 1 keeps the tracking error's time constant near `window`.
    public let gainScale: Double
    /// c: the factor applied to σ′.
    public private(set) var scale = 1.0
    public private(set) var scored = 0

    public init(window: Int = 600, gainScale: Double = 2.0) {
        precondition(window > 0 && gainScale > 0)
        self.window = window
        self.gainScale = gainScale
    }

    /// One scored forecast as the map published it: mean μ′, deviation σ′, realized return r.
    public mutating func record(mu: Double, sigma: Double, realized: Double) {
        guard sigma > 0, mu.isFinite, sigma.isFinite, realized.isFinite else { return }
        let deviation = abs(realized - mu) / sigma
        let gain = gainScale / Double(min(scored, window) + 10)
        let outside = deviation > scale ? 1.0 : 0.0
        scale = min(max(scale + gain * (outside - (1 - Self.target)), 1 / Self.scaleLimit), Self.scaleLimit)
        scored += 1
    }
}
