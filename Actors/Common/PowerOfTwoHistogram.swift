/// Counts of non-negative integers (latencies in nanoseconds) by power of two: bucket 0 holds 0,
/// bucket `b` (1…64) holds `[2^(b−1), 2^b)`. Fixed storage, made once: recording never allocates,
/// so a component can keep one on its hot path.
public struct PowerOfTwoHistogram: Sendable, Equatable {
    public static let bucketCount = 65
    /// Values per bucket.
    public private(set) var counts: [Int]
    /// Values recorded.
    public private(set) var total = 0

    public init() {
        counts = Array(repeating: 0, count: PowerOfTwoHistogram.bucketCount)
    }

    /// - Complexity: O(1), no allocation.
    @inline(__always)
    public mutating func record(_ value: UInt64) {
        counts[Self.bucket(of: value)] += 1
        total += 1
    }

    @inline(__always)
    public static func bucket(of value: UInt64) -> Int { value == 0 ? 0 : 64 - value.leadingZeroBitCount }

    /// The exclusive upper bound of bucket `b` (≥ 1): 2^b, capped at 2^63 for the last one.
    public static func upperBound(of bucket: Int) -> UInt64 { UInt64(1) << UInt64(min(bucket, 63)) }
}
