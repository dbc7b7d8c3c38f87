/// A latency distribution's summary, in nanoseconds.
public struct LatencyPercentiles: Sendable, Equatable, Codable {
    public var count: UInt64
    public var p50_ns: UInt64
    public var p99_ns: UInt64
    public var p999_ns: UInt64
    public var max_ns: UInt64

    public init(count: UInt64, p50: UInt64, p99: UInt64, p999: UInt64, max: UInt64) {
        self.count = count
        p50_ns = p50
        p99_ns = p99
        p999_ns = p999
        max_ns = max
    }
}
