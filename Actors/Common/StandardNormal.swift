#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution's CDF Φ and quantile Φ⁻¹: the blender's calibration, the deflated Sharpe ratio.
public enum StandardNormal {
    /// Φ(z).
    public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// Φ⁻¹(p) for 0 < p < 1: Acklam's rational approximation (relative error below 1.2e-9), then
    /// one Halley step on Φ, which takes it to about machine precision.
    public static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "StandardNormal.quantile: p must be in (0, 1), found \(p)")
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = tail(q)
        } else if p > 1 - low {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -tail(q)
        } else {
            let q = p - 0.5
            let r = q * q
            let numerator = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                               + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
            let denominator = ((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                                + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1
            x = numerator / denominator
        }
        let error = cdf(x) - p
        let step = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= step / (1 + x * step / 2)
        return x
    }

    /// The lower tail's rational function of q = √(−2 ln p).
    private static func tail(_ q: Double) -> Double {
        let numerator = ((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                          - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00
        let denominator = (((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                           + 3.754408661907416e+00) * q + 1
        return numerator / denominator
    }
}
