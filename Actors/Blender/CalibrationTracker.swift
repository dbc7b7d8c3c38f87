#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How honest the blender's σ is. For each scored forecast, the probability integral transform
/// u = Φ((r − μ) / σ) of the realized return r should be uniform on [0, 1] if μ and σ are right.
/// The expected calibration error is the mean distance between the empirical CDF of u and the
/// uniform CDF at the deciles: 0 is perfect, 0.5 is as wrong as can be.
public struct CalibrationTracker: Sendable {
    private var bins = [Int](repeating: 0, count: 10)
    public private(set) var count = 0
    /// Realized returns inside μ ± σ (68.3 % if calibrated).
    public private(set) var withinOneSigma = 0

    public init() {}

    public mutating func add(mu: Double, sigma: Double, realized: Double) {
        guard sigma > 0, mu.isFinite, realized.isFinite else { return }
        let z = (realized - mu) / sigma
        let u = StandardNormal.cdf(z)
        bins[min(Int(u * 10), 9)] += 1
        count += 1
        if abs(z) <= 1 { withinOneSigma += 1 }
    }

    public var expectedCalibrationError: Double? {
        guard count > 0 else { return nil }
        var cumulative = 0
        var error = 0.0
        for bin in 0..<10 {
            cumulative += bins[bin]
            error += abs(Double(cumulative) / Double(count) - Double(bin + 1) / 10)
        }
        return error / 10
    }

    public var oneSigmaCoverage: Double? { count > 0 ? Double(withinOneSigma) / Double(count) : nil }
}
