/// Appends values in Metronome's wire encoding: little-endian integers, `Double` as its IEEE-754
/// bit pattern, no padding and no alignment. This is the encoding the journal stores and the
/// digests hash, so it must never depend on the machine or the compiler.
public struct BinaryWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Forgets the bytes but keeps the storage, so a reused writer allocates nothing.
    /// - Complexity: O(1).
    public mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    public var count: Int { bytes.count }

    public mutating func write(_ value: UInt8) { bytes.append(value) }
    public mutating func write(_ value: Int8) { bytes.append(UInt8(bitPattern: value)) }
    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }
    public mutating func write(_ value: UInt16) { writeLittleEndian(value) }
    public mutating func write(_ value: UInt32) { writeLittleEndian(value) }
    public mutating func write(_ value: UInt64) { writeLittleEndian(value) }
    public mutating func write(_ value: Int64) { writeLittleEndian(value) }
    public mutating func write(_ value: Int32) { writeLittleEndian(value) }
    public mutating func write(_ value: Double) { writeLittleEndian(value.bitPattern) }

    /// A length-prefixed (UInt32) UTF-8 string.
    public mutating func write(_ value: String) {
        let utf8 = Array(value.utf8)
        write(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Raw bytes with no prefix.
    public mutating func writeRaw(_ raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }

    mutating func writeLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
