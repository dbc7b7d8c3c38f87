import Kernel

/// A print on the tape: one execution between two other market participants.
public struct Trade: WireCodable, Equatable {
    public var symbol: SymbolID
    /// Fixed-point price in the instrument's price units.
    public var price: Int64
    /// Integer lots.
    public var size: Int64
    /// The side of the aggressor (the order that crossed the spread).
    public var aggressor: Side
    public var exchangeTime: Timestamp

    public init(symbol: SymbolID, price: Int64, size: Int64, aggressor: Side, exchangeTime: Timestamp) {
        self.symbol = symbol
        self.price = price
        self.size = size
        self.aggressor = aggressor
        self.exchangeTime = exchangeTime
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.writeFields(byteCount: 29) { fields in
            fields.write(symbol)
            fields.write(price)
            fields.write(size)
            fields.write(aggressor.rawValue)
            fields.write(exchangeTime)
        }
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        symbol = try reader.readUInt32()
        price = try reader.readInt64()
        size = try reader.readInt64()
        let at = reader.offset
        aggressor = try Side(wire: try reader.readUInt8(), offset: at)
        exchangeTime = try reader.readUInt64()
    }
}
