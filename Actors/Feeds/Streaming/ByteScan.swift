/// Finds bytes eight at a time in a machine word (SWAR): the data readers scan every byte of a
/// file for line breaks and commas, and a byte-by-byte loop with a compare per byte was a fifth
/// of the instructions of a one-strategy run over a tick file (docs/performance.md, "Reading data
/// files").
enum ByteScan {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// A word with `byte` in each of its eight bytes.
    @inline(__always)
    static func repeated(_ byte: UInt8) -> UInt64 { UInt64(byte) &* ones }

    /// Whether any byte of `word` is zero. Exact: `(v − 0x01…) & ~v & 0x80…` is non-zero if and
    /// only if `v` has a zero byte.
    @inline(__always)
    static func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highBits != 0 }

    /// Whether any byte of `word` equals the byte repeated in `pattern` (``repeated(_:)``).
    @inline(__always)
    static func contains(_ word: UInt64, _ pattern: UInt64) -> Bool { hasZeroByte(word ^ pattern) }

    /// The eight bytes at `offset`, the first in the lowest byte.
    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self).littleEndian
    }

    /// The index of the first `byte` in `bytes[from..<end]`, or `end`.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int {
        var index = from
        let pattern = repeated(byte)
        while index &+ 8 <= end && !contains(load(bytes, at: index), pattern) { index &+= 8 }
        while index < end && bytes[index] != byte { index &+= 1 }
        return index
    }
}
