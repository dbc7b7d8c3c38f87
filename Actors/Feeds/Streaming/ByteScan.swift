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

    /// `(v − 0x01…) & ~v & 0x80…`: non-zero if and only if `v` has a zero byte, and its lowest set
    /// bit is the high bit of the first zero byte (a false mark can only appear above a true zero
    /// byte, where the subtraction's borrow went), so `trailingZeroBitCount / 8` is its offset.
    @inline(__always)
    static func zeroByteMarks(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highBits }

    /// The offset (0–7) of the first byte flagged in `marks` (``zeroByteMarks(_:)``, not 0).
    @inline(__always)
    static func firstMarkedOffset(_ marks: UInt64) -> Int { marks.trailingZeroBitCount &>> 3 }

    /// The eight bytes at `offset`, the first in the lowest byte.
    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self).littleEndian
    }

    /// The index of the first `byte` in `bytes[from..<end]`, or `end`. The word holding it gives
    /// its offset directly (``firstMarkedOffset(_:)``), and a last piece shorter than a word is
    /// read as a word too when the buffer goes on past `end` (a field inside a row), so no byte is
    /// stepped over one at a time but at the very end of a buffer.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int {
        var index = from
        let pattern = repeated(byte)
        while index &+ 8 <= end {
            let marks = zeroByteMarks(load(bytes, at: index) ^ pattern)
            if marks != 0 { return index &+ firstMarkedOffset(marks) }
            index &+= 8
        }
        if index < end && index &+ 8 <= bytes.count {
            let marks = zeroByteMarks(load(bytes, at: index) ^ pattern)
            return marks == 0 ? end : min(index &+ firstMarkedOffset(marks), end)
        }
        while index < end && bytes[index] != byte { index &+= 1 }
        return index
    }
}
