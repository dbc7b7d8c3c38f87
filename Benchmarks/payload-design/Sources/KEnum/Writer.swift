public struct Writer: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutableRawPointer
    @usableFromInline var count = 0
    @usableFromInline var hash: UInt64 = 0
    public init() { base = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 8) }
    @inlinable public mutating func write<T: FixedWidthInteger>(_ v: T) {
        (base + count).storeBytes(of: v.littleEndian, as: T.self)
        count &+= MemoryLayout<T>.size
    }
    @inlinable public mutating func append(_ other: borrowing Writer) {
        (base + count).copyMemory(from: other.base, byteCount: other.count)
        count &+= other.count
    }
    @inlinable public mutating func reset() { count = 0 }
    @inlinable public mutating func endRecord() {
        var h = hash
        var i = 0
        while i + 8 <= count { h = (h ^ (base + i).loadUnaligned(as: UInt64.self)) &* 0x9E3779B97F4A7C15; i += 8 }
        while i < count { h = (h ^ UInt64((base + i).load(as: UInt8.self))) &* 0x100000001B3; i += 1 }
        hash = h
        count = 0
    }
}
