/// Streaming XXH64 (xxHash, 64-bit), seedable, written from the public specification
/// (github.com/Cyan4973/xxHash, doc/xxhash_spec.md). Used for the run digests and, by the
/// journal, as the block checksum — the same algorithm `xxhsum -H1` computes.
///
/// `digest` can be read at any time without disturbing the stream. (The run digests use
/// ``RecordStreamHash``, the same algorithm over a larger buffer, without the copy through
/// `pending` for each small record.)
public struct XXH64: Sendable {
    @usableFromInline static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    @usableFromInline static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    @usableFromInline static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    @usableFromInline static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    @usableFromInline static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    let seed: UInt64
    var accumulator1: UInt64
    var accumulator2: UInt64
    var accumulator3: UInt64
    var accumulator4: UInt64
    /// Up to 31 bytes not yet consumed by a full 32-byte stripe.
    var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var pendingCount: Int = 0
    var totalLength: UInt64 = 0

    public init(seed: UInt64 = 0) {
        self.seed = seed
        accumulator1 = seed &+ XXH64.prime1 &+ XXH64.prime2
        accumulator2 = seed &+ XXH64.prime2
        accumulator3 = seed
        accumulator4 = seed &- XXH64.prime1
    }

    /// One-shot hash of a byte buffer.
    public static func hash(_ bytes: some Collection<UInt8>, seed: UInt64 = 0) -> UInt64 {
        var hasher = XXH64(seed: seed)
        hasher.update(Array(bytes))
        return hasher.digest
    }

    /// Feeds bytes into the stream.
    /// - Complexity: O(n).
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds bytes into the stream.
    /// - Complexity: O(n).
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        var position = 0
        let count = buffer.count
        totalLength &+= UInt64(count)
        var carry = pending
        var carryCount = pendingCount
        withUnsafeMutableBytes(of: &carry) { carryBytes in
            if carryCount > 0 {
                let take = min(32 - carryCount, count)
                carryBytes.baseAddress!.advanced(by: carryCount).copyMemory(from: base, byteCount: take)
                carryCount += take
                position = take
                if carryCount < 32 { return }
                consumeStripe(UnsafeRawPointer(carryBytes.baseAddress!))
                carryCount = 0
            }
            while count - position >= 32 {
                consumeStripe(base.advanced(by: position))
                position += 32
            }
            let rest = count - position
            if rest > 0 {
                carryBytes.baseAddress!.copyMemory(from: base.advanced(by: position), byteCount: rest)
                carryCount = rest
            }
        }
        pending = carry
        pendingCount = carryCount
    }

    /// The hash of everything fed so far.
    public var digest: UInt64 {
        var tail = pending
        let tailCount = pendingCount
        return withUnsafeBytes(of: &tail) { raw in
            XXH64.finalize(accumulator1, accumulator2, accumulator3, accumulator4, seed: seed, totalLength: totalLength,
                           tail: raw.baseAddress!, tailCount: tailCount)
        }
    }

    /// One-shot hash of a contiguous buffer, without the streaming state's buffering: what the
    /// format-1 digests use for each (small) record.
    /// - Complexity: O(n), no allocation.
    @inline(__always)
    public static func hash(_ buffer: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let count = buffer.count
        guard let base = buffer.baseAddress else {
            return finalize(0, 0, 0, 0, seed: seed, totalLength: 0, tail: UnsafeRawPointer(bitPattern: 1)!, tailCount: 0)
        }
        var accumulator1 = seed &+ prime1 &+ prime2
        var accumulator2 = seed &+ prime2
        var accumulator3 = seed
        var accumulator4 = seed &- prime1
        let position = count & ~31
        foldStripes(base, byteCount: position, &accumulator1, &accumulator2, &accumulator3, &accumulator4)
        return finalize(accumulator1, accumulator2, accumulator3, accumulator4, seed: seed, totalLength: UInt64(count),
                        tail: base + position, tailCount: count - position)
    }

    @inline(__always)
    static func finalize(_ accumulator1: UInt64, _ accumulator2: UInt64, _ accumulator3: UInt64, _ accumulator4: UInt64,
                         seed: UInt64, totalLength: UInt64, tail: UnsafeRawPointer, tailCount: Int) -> UInt64 {
        var hash: UInt64
        if totalLength >= 32 {
            hash = rotateLeft(accumulator1, 1) &+ rotateLeft(accumulator2, 7)
                &+ rotateLeft(accumulator3, 12) &+ rotateLeft(accumulator4, 18)
            hash = mergeRound(hash, accumulator1)
            hash = mergeRound(hash, accumulator2)
            hash = mergeRound(hash, accumulator3)
            hash = mergeRound(hash, accumulator4)
        } else {
            hash = seed &+ prime5
        }
        hash &+= totalLength
        var index = 0
        while index + 8 <= tailCount {
            hash ^= round(0, tail.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
            hash = rotateLeft(hash, 27) &* prime1 &+ prime4
            index += 8
        }
        if index + 4 <= tailCount {
            hash ^= UInt64(tail.loadUnaligned(fromByteOffset: index, as: UInt32.self).littleEndian) &* prime1
            hash = rotateLeft(hash, 23) &* prime2 &+ prime3
            index += 4
        }
        while index < tailCount {
            hash ^= UInt64(tail.load(fromByteOffset: index, as: UInt8.self)) &* prime5
            hash = rotateLeft(hash, 11) &* prime1
            index += 1
        }
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        hash ^= hash >> 32
        return hash
    }

    mutating func consumeStripe(_ pointer: UnsafeRawPointer) {
        XXH64.foldStripes(pointer, byteCount: 32, &accumulator1, &accumulator2, &accumulator3, &accumulator4)
    }

    /// Folds `byteCount` bytes (a multiple of 32) into the four lanes, one 32-byte stripe at a
    /// time: the one-shot hash and ``RecordStreamHash`` share it.
    @inline(__always)
    static func foldStripes(_ base: UnsafeRawPointer, byteCount: Int, _ lane1: inout UInt64, _ lane2: inout UInt64,
                            _ lane3: inout UInt64, _ lane4: inout UInt64) {
        var position = 0
        while position < byteCount {
            let stripe = base + position
            lane1 = round(lane1, stripe.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian)
            lane2 = round(lane2, stripe.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian)
            lane3 = round(lane3, stripe.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian)
            lane4 = round(lane4, stripe.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian)
            position += 32
        }
    }

    @inline(__always) static func round(_ accumulator: UInt64, _ lane: UInt64) -> UInt64 {
        rotateLeft(accumulator &+ lane &* prime2, 31) &* prime1
    }

    @inline(__always) static func mergeRound(_ hash: UInt64, _ accumulator: UInt64) -> UInt64 {
        (hash ^ round(0, accumulator)) &* prime1 &+ prime4
    }
}

@inline(__always) func rotateLeft(_ value: UInt64, _ amount: UInt64) -> UInt64 {
    (value << amount) | (value >> (64 - amount))
}
