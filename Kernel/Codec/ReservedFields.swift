/// Fields written into space a ``BinaryWriter`` has already reserved (see
/// ``BinaryWriter/writeFields(byteCount:_:)``): the same little-endian encoding as the writer's
/// own `write`, without a capacity check per field.
public struct ReservedFields: ~Copyable {
    private let start: UnsafeMutableRawPointer
    /// Bytes written so far.
    public private(set) var written = 0

    @inline(__always)
    init(start: UnsafeMutableRawPointer) { self.start = start }

    @inline(__always) public mutating func write(_ value: UInt8) { store(value) }
    @inline(__always) public mutating func write(_ value: UInt16) { store(value) }
    @inline(__always) public mutating func write(_ value: UInt32) { store(value) }
    @inline(__always) public mutating func write(_ value: UInt64) { store(value) }
    @inline(__always) public mutating func write(_ value: Int64) { store(value) }
    @inline(__always) public mutating func write(_ value: Double) { store(value.bitPattern) }

    @inline(__always)
    private mutating func store<T: FixedWidthInteger>(_ value: T) {
        start.storeBytes(of: value.littleEndian, toByteOffset: written, as: T.self)
        written &+= MemoryLayout<T>.size
    }
}
