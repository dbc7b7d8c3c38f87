import Kernel

/// A message of a type another package defines (docs/extending.md, tag 37): one of its agents
/// sends it, and its gate checks, routing rules and policy deciders receive it, through the
/// kernel like any other message — delivered in the same order every run, hashed into the event
/// digest, journaled as a signal record when the run records signals.
///
/// Every package type shares this one layout, so that the message is stored inline in the event
/// queue like the others (no allocation per event; see `CodecTests`): the package's permanent
/// number for its type (`typeID`, registered with a name and the names of its values) and up to
/// four values. ``PackageMessageType`` packs a package's own struct into it and back.
public struct PackageMessage: WireCodable, Equatable {
    /// The most values one message carries.
    public static let valueCount = 4

    public var values: (Double, Double, Double, Double)
    /// The input behind the message (the trace id of the delivery that caused it).
    public var traceID: UInt64
    public var symbol: SymbolID
    /// The package's permanent number for the message's type (``PackageMessageType/typeID``).
    public var typeID: UInt16

    public init(typeID: UInt16, symbol: SymbolID, values: (Double, Double, Double, Double), traceID: UInt64) {
        self.typeID = typeID
        self.symbol = symbol
        self.values = values
        self.traceID = traceID
    }

    /// Value `index` (0…3).
    public func value(_ index: Int) -> Double {
        switch index {
        case 0: values.0
        case 1: values.1
        case 2: values.2
        case 3: values.3
        default: preconditionFailure("a package message has \(PackageMessage.valueCount) values, not \(index + 1)")
        }
    }

    public static func == (lhs: PackageMessage, rhs: PackageMessage) -> Bool {
        // Bit patterns, as the digests compare them: equal encodings are equal messages.
        lhs.typeID == rhs.typeID && lhs.symbol == rhs.symbol && lhs.traceID == rhs.traceID
            && lhs.values.0.bitPattern == rhs.values.0.bitPattern && lhs.values.1.bitPattern == rhs.values.1.bitPattern
            && lhs.values.2.bitPattern == rhs.values.2.bitPattern && lhs.values.3.bitPattern == rhs.values.3.bitPattern
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.writeFields(byteCount: 46) { fields in
            fields.write(typeID)
            fields.write(symbol)
            fields.write(values.0)
            fields.write(values.1)
            fields.write(values.2)
            fields.write(values.3)
            fields.write(traceID)
        }
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        typeID = try reader.readUInt16()
        symbol = try reader.readUInt32()
        values = (try reader.readDouble(), try reader.readDouble(), try reader.readDouble(), try reader.readDouble())
        traceID = try reader.readUInt64()
    }
}
