import Kernel

/// The portfolio's state for one instrument after a fill. A decision: it enters the decision digest.
public struct PositionUpdate: WireCodable, Equatable {
    public var symbol: SymbolID
    /// Signed integer lots (negative = short).
    public var position: Int64
    /// Account cash in minor units (cents) after the fill and its fee.
    public var cashMinorUnits: Int64
    /// Realized PnL of this instrument so far, in minor units.
    public var realizedPnLMinorUnits: Int64
    public var traceID: UInt64

    public init(symbol: SymbolID, position: Int64, cashMinorUnits: Int64, realizedPnLMinorUnits: Int64, traceID: UInt64) {
        self.symbol = symbol
        self.position = position
        self.cashMinorUnits = cashMinorUnits
        self.realizedPnLMinorUnits = realizedPnLMinorUnits
        self.traceID = traceID
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(symbol)
        writer.write(position)
        writer.write(cashMinorUnits)
        writer.write(realizedPnLMinorUnits)
        writer.write(traceID)
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        symbol = try reader.readUInt32()
        position = try reader.readInt64()
        cashMinorUnits = try reader.readInt64()
        realizedPnLMinorUnits = try reader.readInt64()
        traceID = try reader.readUInt64()
    }
}
