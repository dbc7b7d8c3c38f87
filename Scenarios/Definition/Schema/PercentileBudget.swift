import Kernel
import Messages

/// A latency budget for one stage on one clock: the most each percentile may reach, in
/// nanoseconds. Any of the four may be left out (nil: not budgeted).
public struct PercentileBudget: Sendable, Equatable {
    public var p50Nanoseconds: DurationNanoseconds?
    public var p99Nanoseconds: DurationNanoseconds?
    public var p999Nanoseconds: DurationNanoseconds?
    public var maxNanoseconds: DurationNanoseconds?

    public init(p50Nanoseconds: DurationNanoseconds? = nil, p99Nanoseconds: DurationNanoseconds? = nil,
                p999Nanoseconds: DurationNanoseconds? = nil, maxNanoseconds: DurationNanoseconds? = nil) {
        self.p50Nanoseconds = p50Nanoseconds
        self.p99Nanoseconds = p99Nanoseconds
        self.p999Nanoseconds = p999Nanoseconds
        self.maxNanoseconds = maxNanoseconds
    }

    /// The four limits in percentile order (`p50`, `p99`, `p999`, `max`), nil where not budgeted.
    public var limits: [(percentile: LatencyPercentile, nanoseconds: DurationNanoseconds?)] {
        [(.p50, p50Nanoseconds), (.p99, p99Nanoseconds), (.p999, p999Nanoseconds), (.max, maxNanoseconds)]
    }

    public var isEmpty: Bool { limits.allSatisfy { $0.nanoseconds == nil } }
}

/// The percentiles a budget may limit.
public enum LatencyPercentile: String, CaseIterable, Sendable {
    case p50
    case p99
    case p999
    case max

    /// The percentile as a number for a histogram query (100 for the maximum).
    public var value: Double {
        switch self {
        case .p50: 50
        case .p99: 99
        case .p999: 99.9
        case .max: 100
        }
    }

    /// How tables show it.
    public var label: String { self == .p999 ? "p99.9" : rawValue }
}
