import Kernel

/// A bare counter message: used by tests, the kernel benchmark and health checks.
public struct Ping: WireCodable, Equatable {
    public var value: UInt64

    public init(value: UInt64) { self.value = value }

    public func encode(into writer: inout BinaryWriter) { writer.write(value) }

    public init(from reader: inout BinaryReader) throws(DecodingError) { value = try reader.readUInt64() }
}
