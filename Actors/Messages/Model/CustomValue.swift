import Kernel

/// One value behind a signal of an agent type another package registered (docs/extending.md,
/// tag 36): the package's own reading — a level, a score, a regime — journaled beside the signal
/// so that it can be audited and diffed like the technical agent's indicators.
///
/// `valueID` is the package's permanent number for the value; the package registers its name
/// (``ComponentRegistry``) for `log cat` and the report to print. Like an ``IndicatorValue`` it
/// is never delivered: the agent hands it to the journal only when the run records signals, so it
/// changes no event and no digest.
public struct CustomValue: WireCodable, Equatable {
    public var value: Double
    /// The input behind the reading (the signal's trace id).
    public var traceID: UInt64
    public var symbol: SymbolID
    public var valueID: UInt16

    public init(symbol: SymbolID, valueID: UInt16, value: Double, traceID: UInt64) {
        self.symbol = symbol
        self.valueID = valueID
        self.value = value
        self.traceID = traceID
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.writeFields(byteCount: 22) { fields in
            fields.write(symbol)
            fields.write(valueID)
            fields.write(value)
            fields.write(traceID)
        }
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        symbol = try reader.readUInt32()
        valueID = try reader.readUInt16()
        value = try reader.readDouble()
        traceID = try reader.readUInt64()
    }
}
