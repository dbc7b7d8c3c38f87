import Kernel
import Messages

/// The stationary bootstrap of Politis & Romano (1994): a resample of a series is made of blocks
/// that start at a uniformly drawn observation and run on (wrapping around the end) for a
/// geometrically distributed number of observations with the given mean. Unlike fixed blocks, the
/// resampled series is itself stationary, and it keeps the dependence of the original within a
/// block — what returns of a strategy that holds positions need (``BootstrapBlockLength``).
///
/// Deterministic: the draws come from a ``RandomStream`` seeded by the caller, so the same series,
/// resample count and seed give the same interval on every machine.
public struct StationaryBootstrap: Sendable {
    /// Mean block length, in observations (≥ 1; 1 is the ordinary i.i.d. bootstrap).
    public let meanBlockLength: Double
    private var stream: RandomStream

    public init(meanBlockLength: Double, stream: RandomStream) {
        precondition(meanBlockLength >= 1 && meanBlockLength.isFinite, "the mean block length must be at least 1")
        self.meanBlockLength = meanBlockLength
        self.stream = stream
    }

    /// Fills `resample` (resized to `series.count`) with one stationary-bootstrap resample of
    /// `series`. An empty series gives an empty resample.
    public mutating func resample(_ series: [Double], into resample: inout [Double]) {
        resample.removeAll(keepingCapacity: true)
        let count = series.count
        guard count > 0 else { return }
        let newBlockProbability = 1 / meanBlockLength
        var index = Int(stream.next(below: UInt64(count)))
        for _ in 0..<count {
            resample.append(series[index])
            if stream.nextDouble() < newBlockProbability {
                index = Int(stream.next(below: UInt64(count)))
            } else {
                index = index + 1 == count ? 0 : index + 1
            }
        }
    }

    /// The value of `quantile` (0…1) of sorted `values` by linear interpolation between the closest
    /// ranks (numpy's default, "type 7"); nil when `values` is empty.
    public static func quantile(_ quantile: Double, ofSorted values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let position = quantile * Double(values.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        let weight = position - Double(lower)
        return values[lower] + (values[upper] - values[lower]) * weight
    }
}
