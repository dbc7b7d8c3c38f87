import Kernel

/// A chaos fault switching on or off (docs/chaos.md). Faults are inputs: the plan's events are
/// admitted and journaled like market data, so a chaos run replays bit-for-bit from its log.
public struct FaultEvent: WireCodable, Equatable {
    public enum Phase: UInt8, Sendable {
        case start = 1
        case stop = 2
    }

    /// The fault's catalog number (`FaultKind` raw value in the Actors module).
    public var kind: UInt16
    public var phase: Phase
    /// What it hits: a symbol, an agent, a venue (by index); ``everything`` for all.
    public var target: UInt32
    /// The fault's size: a probability, a factor, a fraction — per fault.
    public var magnitude: Double
    /// The fault's second parameter: a delay in nanoseconds, a count — per fault.
    public var parameter: Int64

    public static let everything: UInt32 = .max

    public init(kind: UInt16, phase: Phase, target: UInt32 = FaultEvent.everything, magnitude: Double = 0, parameter: Int64 = 0) {
        self.kind = kind
        self.phase = phase
        self.target = target
        self.magnitude = magnitude
        self.parameter = parameter
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(kind)
        writer.write(phase.rawValue)
        writer.write(target)
        writer.write(magnitude)
        writer.write(parameter)
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        kind = try reader.readUInt16()
        let at = reader.offset
        guard let phase = Phase(rawValue: try reader.readUInt8()) else { throw DecodingError(offset: at, message: "fault phase must be 1 or 2") }
        self.phase = phase
        target = try reader.readUInt32()
        magnitude = try reader.readDouble()
        parameter = try reader.readInt64()
    }
}
