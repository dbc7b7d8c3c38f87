#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The mean block length of a stationary bootstrap, chosen from the data: Politis & White (2004)
/// with the correction of Patton, Politis & White (2009), computed as the `arch` package's
/// `optimal_block_length` computes it (its "stationary" column), so that the two agree to
/// rounding on the same series (Tests/Fixtures/metrics/expected.json).
///
/// Why automatic: returns of a trading strategy are autocorrelated (positions persist), and
/// resampling them one by one would understate the uncertainty of every ratio; blocks as long as
/// the dependence keep it, and a block longer than needed only widens the interval a little.
public enum BootstrapBlockLength {
    /// The estimated optimal mean block length for `series` (in observations, ≥ 1), or nil with
    /// fewer than 8 observations or no variance.
    /// - Complexity: O(n · √n).
    public static func stationary(of series: [Double]) -> Double? {
        let count = series.count
        guard count >= 8, series.contains(where: { $0 != series[0] }) else { return nil }
        let mean = series.reduce(0, +) / Double(count)
        let deviations = series.map { $0 - mean }
        let maximumBlock = min(3 * Double(count).squareRoot(), Double(count) / 3).rounded(.up)
        let consecutive = max(5, Int(log10(Double(count))))
        let maximumLag = Int(Double(count).squareRoot().rounded(.up)) + consecutive
        let band = 2 * (log10(Double(count)) / Double(count)).squareRoot()
        var autocovariances = [Double](repeating: 0, count: maximumLag + 1)
        var absoluteCorrelations = [Double](repeating: 0, count: maximumLag + 1)
        var firstQuietLag: Int?
        for lag in 0...min(maximumLag, count - 2) {
            let cross = dot(deviations, from: lag, deviations, from: 0, length: count - lag)
            let late = dot(deviations, from: lag + 1, deviations, from: lag + 1, length: count - lag - 1)
            let early = dot(deviations, from: 0, deviations, from: 0, length: count - lag - 1)
            autocovariances[lag] = cross / Double(count)
            absoluteCorrelations[lag] = late > 0 && early > 0 ? abs(cross) / (late * early).squareRoot() : 0
            if lag >= consecutive, firstQuietLag == nil,
               absoluteCorrelations[(lag - consecutive)..<lag].allSatisfy({ $0 < band }) {
                firstQuietLag = lag - consecutive
            }
        }
        let bandwidth = min(firstQuietLag.map { 2 * max($0, 1) } ?? maximumLag, maximumLag, count - 2)
        var g = 0.0
        var longRunVariance = autocovariances[0]
        for lag in stride(from: 1, through: bandwidth, by: 1) {
            let ratio = Double(lag) / Double(bandwidth)
            let taper = ratio <= 0.5 ? 1 : 2 * (1 - ratio)
            g += 2 * taper * Double(lag) * autocovariances[lag]
            longRunVariance += 2 * taper * autocovariances[lag]
        }
        guard longRunVariance != 0 else { return nil }
        let d = 2 * longRunVariance * longRunVariance
        let length = pow(2 * g * g / d, 1.0 / 3) * pow(Double(count), 1.0 / 3)
        guard length.isFinite else { return nil }
        return max(1, min(length, maximumBlock))
    }

    private static func dot(_ a: [Double], from aStart: Int, _ b: [Double], from bStart: Int, length: Int) -> Double {
        var sum = 0.0
        for index in 0..<max(length, 0) { sum += a[aStart + index] * b[bStart + index] }
        return sum
    }
}
