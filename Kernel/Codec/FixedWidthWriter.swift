/// The wire encoding of numbers, spelled out once: little-endian integers, `Bool` as one byte,
/// `Double` and `Float` as their IEEE-754 bit patterns. ``BinaryWriter`` (which checks its
/// capacity per value) and ``ReservedFields`` (space reserved beforehand) both conform; the
/// `write` overloads below are the API, and the types they accept are the encoding's types (no
/// `Int`, whose width depends on the machine).
public protocol FixedWidthWriter: ~Copyable {
    /// Appends `value`'s bytes, little-endian. Call through a `write` overload.
    mutating func storeLittleEndian<T: FixedWidthInteger>(_ value: T)
}

extension FixedWidthWriter where Self: ~Copyable {
    @inline(__always) public mutating func write(_ value: UInt8) { storeLittleEndian(value) }
    @inline(__always) public mutating func write(_ value: Int8) { storeLittleEndian(value) }
    @inline(__always) public mutating func write(_ value: Bool) { storeLittleEndian(UInt8(value ? 1 : 0)) }
    @inline(__always) public mutating func write(_ value: UInt16) { storeLittleEndian(value) }
    @inline(__always) public mutating func write(_ value: UInt32) { storeLittleEndian(value) }
    @inline(__always) public mutating func write(_ value: UInt64) { storeLittleEndian(value) }
    @inline(__always) public mutating func write(_ value: Int64) { storeLittleEndian(value) }
    @inline(__always) public mutating func write(_ value: Int32) { storeLittleEndian(value) }
    @inline(__always) public mutating func write(_ value: Double) { storeLittleEndian(value.bitPattern) }
    @inline(__always) public mutating func write(_ value: Float) { storeLittleEndian(value.bitPattern) }
}
