/// Appends values in Metronome's wire encoding: little-endian integers, `Double` as its IEEE-754
/// bit pattern, no padding and no alignment. This is the encoding the journal stores and the
/// digests hash, so it must never depend on the machine or the compiler.
///
/// A unique owner of a growable buffer (`~Copyable`: it is never shared, so writes are plain
/// stores with no copy-on-write check). A reused writer (``reset()``) allocates nothing, which
/// keeps hashing an event off the allocator.
public struct BinaryWriter: ~Copyable, FixedWidthWriter, @unchecked Sendable {
    var pointer: UnsafeMutableRawPointer
    var capacity: Int
    /// Number of bytes written.
    public internal(set) var count: Int

    public init(reservingCapacity capacity: Int = 256) {
        self.capacity = Swift.max(capacity, 16)
        pointer = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
        count = 0
    }

    deinit { pointer.deallocate() }

    /// Forgets the bytes but keeps the storage, so a reused writer allocates nothing.
    /// - Complexity: O(1).
    @inline(__always)
    public mutating func reset() { count = 0 }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] {
        Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Calls `body` with the bytes written so far (valid only during the call).
    @inline(__always)
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// A length-prefixed (UInt32) UTF-8 string.
    public mutating func write(_ value: String) {
        var text = value
        text.withUTF8 { utf8 in
            write(UInt32(utf8.count))
            writeRaw(UnsafeRawBufferPointer(utf8))
        }
    }

    /// Appends `byteCount` bytes of fixed-width fields, written by `body` in order, with one
    /// capacity check for them all instead of one per field: a quote's six fields are encoded
    /// twice per quote for the digest, and the checks were most of the cost.
    /// `body` must write exactly `byteCount` bytes (checked; with the constant counts of the
    /// encoders the check folds away).
    @inline(__always)
    public mutating func writeFields(byteCount: Int, _ body: (inout ReservedFields) -> Void) {
        reserve(byteCount)
        var fields = ReservedFields(start: pointer + count)
        body(&fields)
        precondition(fields.written == byteCount, "wrote \(fields.written) bytes of fields, not the \(byteCount) reserved")
        count &+= byteCount
    }

    /// Appends `byteCount` bytes that `body` writes at the address it is given, with one capacity
    /// check: for a copy patched in place (each delivery of a multicast is the shared record with
    /// its own sequence and target), without an overwrite's bounds checks.
    /// `body` must initialize all `byteCount` bytes and no more: internal, since nothing checks it.
    @inline(__always)
    mutating func append(byteCount: Int, _ body: (UnsafeMutableRawPointer) -> Void) {
        reserve(byteCount)
        body(pointer + count)
        count &+= byteCount
    }

    /// Appends what `body` writes at the address it is given, up to `maximum` bytes (reserved
    /// first, uninitialized); `body` returns how many it wrote. For a C library that writes into a
    /// caller's buffer (a compressor), with no zero-filled scratch array.
    mutating func appendWritten(reserving maximum: Int, _ body: (UnsafeMutableRawPointer, Int) -> Int) {
        reserve(maximum)
        let written = body(pointer + count, maximum)
        precondition(written >= 0 && written <= maximum, "wrote past the reserved bytes")
        count &+= written
    }

    /// Replaces the byte at `offset` (already written): patches a length written before its data.
    @inline(__always)
    public mutating func overwrite(_ byte: UInt8, at offset: Int) {
        precondition(offset < count, "overwrite past the end")
        pointer.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self)
    }

    /// Replaces an integer already written at `offset`, in the same little-endian encoding:
    /// patches the fields that differ between records sharing everything else.
    @inline(__always)
    public mutating func overwrite<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= count, "overwrite past the end")
        pointer.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
    }

    /// Drops everything after the first `length` bytes.
    public mutating func truncate(to length: Int) {
        precondition(length <= count)
        count = length
    }

    /// Drops the first `length` bytes and moves the rest to the start.
    /// - Complexity: O(count − length).
    public mutating func removeFirst(_ length: Int) {
        precondition(length >= 0 && length <= count, "removeFirst past the end")
        pointer.copyMemory(from: pointer + length, byteCount: count - length)
        count -= length
    }

    /// Raw bytes with no prefix.
    public mutating func writeRaw(_ raw: some Sequence<UInt8>) {
        for byte in raw { storeLittleEndian(byte) }
    }

    /// Raw bytes with no prefix.
    public mutating func writeRaw(_ raw: UnsafeRawBufferPointer) {
        guard raw.count > 0 else { return }
        reserve(raw.count)
        (pointer + count).copyMemory(from: raw.baseAddress!, byteCount: raw.count)
        count += raw.count
    }

    @inline(__always)
    public mutating func storeLittleEndian<T: FixedWidthInteger>(_ value: T) {
        let size = MemoryLayout<T>.size
        reserve(size)
        pointer.storeBytes(of: value.littleEndian, toByteOffset: count, as: T.self)
        count &+= size  // cannot overflow: `reserve` has just made room within `capacity`
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if _slowPath(count + extra > capacity) { grow(minimumCapacity: count + extra) }
    }

    @inline(never)
    mutating func grow(minimumCapacity: Int) {
        let newCapacity = Swift.max(minimumCapacity, capacity * 2)
        let replacement = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        replacement.copyMemory(from: pointer, byteCount: count)
        pointer.deallocate()
        pointer = replacement
        capacity = newCapacity
    }
}
