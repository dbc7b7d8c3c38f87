/// Fields written into space a ``BinaryWriter`` has already reserved (see
/// ``BinaryWriter/writeFields(byteCount:_:)``): the same `write` overloads
/// (``FixedWidthWriter``), without a capacity check per field.
public struct ReservedFields: ~Copyable, FixedWidthWriter {
    let start: UnsafeMutableRawPointer
    /// Bytes written so far.
    public internal(set) var written = 0

    @inline(__always)
    init(start: UnsafeMutableRawPointer) { self.start = start }

    @inline(__always)
    public mutating func storeLittleEndian<T: FixedWidthInteger>(_ value: T) {
        start.storeBytes(of: value.littleEndian, toByteOffset: written, as: T.self)
        written &+= MemoryLayout<T>.size
    }
}
