import Kernel

/// An order sent to a venue. A decision: it enters the decision digest.
public struct Order: WireCodable, Equatable {
    public var orderID: UInt64
    /// Integer lots, > 0.
    public var quantity: Int64
    /// Fixed-point limit price; 0 for a market order (and the initial peg of a pegged one).
    public var limitPrice: Int64
    public var traceID: UInt64
    public var symbol: SymbolID
    public var side: Side
    /// Index of the venue in the scenario's `broker.venues` (0 when there is one).
    public var venue: UInt8
    public var type: OrderType

    public init(orderID: UInt64, symbol: SymbolID, side: Side, quantity: Int64, limitPrice: Int64, traceID: UInt64,
                venue: UInt8 = 0, type: OrderType? = nil) {
        self.orderID = orderID
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.limitPrice = limitPrice
        self.traceID = traceID
        self.venue = venue
        self.type = type ?? (limitPrice == 0 ? .market : .limit)
    }

    public var isMarket: Bool { type == .market }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(orderID)
        writer.write(symbol)
        writer.write(side.rawValue)
        writer.write(quantity)
        writer.write(limitPrice)
        writer.write(traceID)
        writer.write(venue)
        writer.write(type.rawValue)
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        try self.init(version1: &reader)
        venue = try reader.readUInt8()
        let at = reader.offset
        type = try OrderType(wire: try reader.readUInt8(), offset: at)
    }

    /// The layout of message tag 48 (before venues and order types): one venue, market or limit.
    public init(version1 reader: inout BinaryReader) throws(DecodingError) {
        orderID = try reader.readUInt64()
        symbol = try reader.readUInt32()
        let at = reader.offset
        side = try Side(wire: try reader.readUInt8(), offset: at)
        quantity = try reader.readInt64()
        limitPrice = try reader.readInt64()
        traceID = try reader.readUInt64()
        venue = 0
        type = limitPrice == 0 ? .market : .limit
    }
}
