import Histogram
import ScenarioDefinition

/// One stage's latency on one clock, summarized from its HdrHistogram: the count, the four
/// budgeted percentiles and log₂ buckets for the HTML report.
public struct StageDistribution: Codable, Sendable, Equatable {
    public var count: UInt64
    public var p50_ns: UInt64
    public var p99_ns: UInt64
    public var p999_ns: UInt64
    /// The largest value recorded (exact, not rounded to the histogram's precision).
    public var max_ns: UInt64
    /// Counts by power of two: bucket 0 holds the zeros, bucket b ≥ 1 the values in [2^(b−1), 2^b).
    /// Trailing empty buckets are left out.
    public var log2_buckets: [UInt64]

    public init(_ histogram: Histogram<UInt64>) {
        count = histogram.totalCount
        guard count > 0 else {
            (p50_ns, p99_ns, p999_ns, max_ns, log2_buckets) = (0, 0, 0, 0, [])
            return
        }
        // A percentile never reads above the true maximum (HdrHistogram rounds up within its precision).
        let exactMaximum = histogram.maxRecorded
        p50_ns = min(histogram.valueAtPercentile(50), exactMaximum)
        p99_ns = min(histogram.valueAtPercentile(99), exactMaximum)
        p999_ns = min(histogram.valueAtPercentile(99.9), exactMaximum)
        max_ns = exactMaximum
        var buckets: [UInt64] = [histogram.count(within: 0...0)]
        var lower: UInt64 = 1
        while lower <= exactMaximum {
            let upper = lower > UInt64.max / 2 ? UInt64.max : lower * 2 - 1
            buckets.append(histogram.count(within: lower...upper))
            if upper == UInt64.max { break }
            lower *= 2
        }
        log2_buckets = buckets
    }

    /// The measured value of a budgeted percentile.
    public func value(_ percentile: LatencyPercentile) -> UInt64 {
        switch percentile {
        case .p50: p50_ns
        case .p99: p99_ns
        case .p999: p999_ns
        case .max: max_ns
        }
    }
}
