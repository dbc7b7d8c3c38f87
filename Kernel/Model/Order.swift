/// An order sent to a venue. A decision: it enters the decision digest.
public struct Order: WireCodable, Equatable {
    public var orderID: UInt64
    public var symbol: SymbolID
    public var side: Side
    /// Integer lots, > 0.
    public var quantity: Int64
    /// Fixed-point limit price; 0 means a market order.
    public var limitPrice: Int64
    public var traceID: UInt64

    public init(orderID: UInt64, symbol: SymbolID, side: Side, quantity: Int64, limitPrice: Int64, traceID: UInt64) {
        self.orderID = orderID
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.limitPrice = limitPrice
        self.traceID = traceID
    }

    public var isMarket: Bool { limitPrice == 0 }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(orderID)
        writer.write(symbol)
        writer.write(side.rawValue)
        writer.write(quantity)
        writer.write(limitPrice)
        writer.write(traceID)
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        orderID = try reader.readUInt64()
        symbol = try reader.readUInt32()
        let at = reader.offset
        side = try Side(wire: try reader.readUInt8(), offset: at)
        quantity = try reader.readInt64()
        limitPrice = try reader.readInt64()
        traceID = try reader.readUInt64()
    }
}
