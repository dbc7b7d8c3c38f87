#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages

/// How long a message takes between us and a venue, as a distribution of integer nanoseconds.
///
/// Every sample comes from a ``RandomStream`` the caller owns (the broker's own stream), so the
/// same seed gives the same latencies on every machine. ``constant(_:)`` draws nothing, so a
/// constant-latency venue never moves the stream.
public enum LatencyModel: Sendable, Equatable {
    /// Always this many nanoseconds.
    case constant(DurationNanoseconds)
    /// Gaussian with this mean and standard deviation, truncated at 0 (a negative draw is 0).
    case normal(mean: DurationNanoseconds, deviation: DurationNanoseconds)
    /// `median × e^(sigma · z)` with `z` standard normal: `sigma` is the standard deviation of the
    /// logarithm. Right-skewed, like real network and matching-engine delays.
    case lognormal(median: DurationNanoseconds, sigma: Double)
    /// One of these values, each equally likely (a recorded latency sample, replayed). An empty
    /// list is 0.
    case empirical([DurationNanoseconds])

    /// The largest latency a sample may return: about 146 years, far beyond any run, and small
    /// enough that `now + sample` cannot overflow a ``Timestamp`` in this century.
    public static let maximumNanoseconds: DurationNanoseconds = 1 << 62

    /// One latency draw, never negative, at most ``maximumNanoseconds``.
    /// - Complexity: O(1), no allocation; at most two uniform draws.
    public func sample(_ random: inout RandomStream) -> DurationNanoseconds {
        switch self {
        case .constant(let nanoseconds):
            return min(nanoseconds, Self.maximumNanoseconds)
        case .normal(let mean, let deviation):
            guard deviation > 0 else { return min(mean, Self.maximumNanoseconds) }
            return Self.clamp(Double(mean) + Double(deviation) * random.nextGaussian())
        case .lognormal(let median, let sigma):
            guard sigma > 0, sigma.isFinite else { return min(median, Self.maximumNanoseconds) }
            return Self.clamp(Double(median) * exp(sigma * random.nextGaussian()))
        case .empirical(let values):
            guard !values.isEmpty else { return 0 }
            let index = Int(random.next(below: UInt64(values.count)))
            return min(values[index], Self.maximumNanoseconds)
        }
    }

    /// The typical latency (mean, median, or the middle of the sorted sample), for logs and for
    /// routers that price latency without drawing.
    public var typicalNanoseconds: DurationNanoseconds {
        switch self {
        case .constant(let nanoseconds): nanoseconds
        case .normal(let mean, _): mean
        case .lognormal(let median, _): median
        case .empirical(let values): values.isEmpty ? 0 : values.sorted()[values.count / 2]
        }
    }

    /// Rounds a real-valued draw to whole nanoseconds in 0…maximumNanoseconds (NaN is 0).
    private static func clamp(_ nanoseconds: Double) -> DurationNanoseconds {
        guard nanoseconds > 0 else { return 0 }
        let rounded = nanoseconds.rounded()
        guard rounded < Double(maximumNanoseconds) else { return maximumNanoseconds }
        return DurationNanoseconds(rounded)
    }
}
