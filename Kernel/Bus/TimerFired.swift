/// Delivered to an actor when one of its timers comes due.
public struct TimerFired: WireCodable, Equatable {
    /// The value the actor passed when it scheduled the timer, to tell its timers apart.
    public var tag: UInt64

    public init(tag: UInt64) { self.tag = tag }

    public func encode(into writer: inout BinaryWriter) { writer.write(tag) }

    public init(from reader: inout BinaryReader) throws(DecodingError) { tag = try reader.readUInt64() }
}
