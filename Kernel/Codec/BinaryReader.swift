/// Reads values written by ``BinaryWriter``. Every read is bounds-checked: a short or
/// malformed buffer produces a ``DecodingError`` naming the byte offset, never a crash.
public struct BinaryReader {
    public let bytes: [UInt8]
    /// Offset of the next unread byte.
    public internal(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var remaining: Int { bytes.count - offset }
    public var isAtEnd: Bool { offset >= bytes.count }

    public mutating func readUInt8() throws(DecodingError) -> UInt8 {
        try require(1, "UInt8")
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func readBool() throws(DecodingError) -> Bool {
        let at = offset
        let raw = try readUInt8()
        guard raw <= 1 else { throw DecodingError(offset: at, message: "expected a Bool (0 or 1), found \(raw)") }
        return raw == 1
    }

    public mutating func readUInt16() throws(DecodingError) -> UInt16 { try readLittleEndian(UInt16.self) }
    public mutating func readUInt32() throws(DecodingError) -> UInt32 { try readLittleEndian(UInt32.self) }
    public mutating func readUInt64() throws(DecodingError) -> UInt64 { try readLittleEndian(UInt64.self) }
    public mutating func readInt64() throws(DecodingError) -> Int64 { try readLittleEndian(Int64.self) }
    public mutating func readInt32() throws(DecodingError) -> Int32 { try readLittleEndian(Int32.self) }
    public mutating func readDouble() throws(DecodingError) -> Double { Double(bitPattern: try readUInt64()) }
    public mutating func readFloat() throws(DecodingError) -> Float { Float(bitPattern: try readLittleEndian(UInt32.self)) }

    /// A length-prefixed UTF-8 string of at most `maximumBytes` bytes (the bound is checked
    /// before anything is allocated).
    public mutating func readString(maximumBytes: Int = 1 << 20) throws(DecodingError) -> String {
        let at = offset
        let length = Int(try readUInt32())
        guard length <= maximumBytes else {
            throw DecodingError(offset: at, message: "string length \(length) exceeds the limit of \(maximumBytes) bytes")
        }
        try require(length, "string of \(length) bytes")
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    @inline(__always)
    mutating func require(_ count: Int, _ what: @autoclosure () -> String) throws(DecodingError) {
        guard count <= bytes.count - offset else {
            throw DecodingError(offset: offset, message: "expected \(what()) (\(count) bytes) but only \(bytes.count - offset) remain")
        }
    }

    @inline(__always)
    mutating func readLittleEndian<T: FixedWidthInteger>(_ type: T.Type) throws(DecodingError) -> T {
        let size = MemoryLayout<T>.size
        try require(size, "\(T.self)")
        let start = offset
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: T.self) }
        offset += size
        return T(littleEndian: value)
    }
}

/// A malformed encoding: where it went wrong and what was expected there.
public struct DecodingError: Error, Equatable, CustomStringConvertible {
    /// Byte offset within the buffer being decoded.
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "at byte \(offset): \(message)" }
}
