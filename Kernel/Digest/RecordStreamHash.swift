/// XXH64 (seed 0) of a stream of records written one after another: the value `xxhsum -H1`
/// prints for the records concatenated in one file.
///
/// Records are encoded straight into ``records`` and hashed 32-byte stripe by stripe only when
/// some kilobytes have gathered (or the value is read). That is why the event digest is this and
/// not a chain of one-shot hashes: a chain starts every record's hash from the previous value,
/// so the whole hash — some sixty cycles of multiplies for a quote — sits on one dependency chain
/// the processor cannot overlap with the next delivery. Here a record costs its stores and a
/// quarter of a stripe round per eight bytes, on four independent lanes.
public struct RecordStreamHash: ~Copyable, Sendable {
    /// The records not yet hashed: fewer than 32 bytes after each ``compact()``. Encode a record
    /// by appending to it, then call ``recordEnded()``.
    public var records = BinaryWriter(reservingCapacity: RecordStreamHash.compactThresholdBytes + 1024)
    var accumulator1: UInt64 = XXH64.prime1 &+ XXH64.prime2
    var accumulator2: UInt64 = XXH64.prime2
    var accumulator3: UInt64 = 0
    var accumulator4: UInt64 = 0 &- XXH64.prime1
    /// Bytes already folded into the accumulators (a multiple of 32).
    var hashedBytes: UInt64 = 0

    /// How many buffered bytes trigger hashing: enough for long runs of stripes, little enough to
    /// stay in the first-level cache.
    public static let compactThresholdBytes = 4096

    public init() {}

    /// Call after appending each record to ``records``.
    /// - Complexity: O(1) amortized.
    @inline(__always)
    public mutating func recordEnded() {
        if _slowPath(records.count >= RecordStreamHash.compactThresholdBytes) { compact() }
    }

    /// The XXH64 of every byte written so far. Hashes the whole stripes still buffered, so reading
    /// it often costs no more than reading it once.
    /// - Complexity: O(buffered bytes).
    public var value: UInt64 {
        mutating get {
            compact()
            let totalLength = hashedBytes &+ UInt64(records.count)
            return records.withUnsafeBytes { tail in
                XXH64.finalize(accumulator1, accumulator2, accumulator3, accumulator4, seed: 0, totalLength: totalLength,
                               tail: tail.baseAddress!, tailCount: tail.count)
            }
        }
    }

    /// Folds every whole 32-byte stripe of the buffer into the accumulators and keeps the rest
    /// (fewer than 32 bytes) at the buffer's start.
    @inline(never)
    mutating func compact() {
        let stripeBytes = records.count & ~31
        guard stripeBytes > 0 else { return }
        var lane1 = accumulator1, lane2 = accumulator2, lane3 = accumulator3, lane4 = accumulator4
        records.withUnsafeBytes { buffer in
            XXH64.foldStripes(buffer.baseAddress!, byteCount: stripeBytes, &lane1, &lane2, &lane3, &lane4)
        }
        accumulator1 = lane1
        accumulator2 = lane2
        accumulator3 = lane3
        accumulator4 = lane4
        hashedBytes &+= UInt64(stripeBytes)
        records.removeFirst(stripeBytes)
    }
}
