import Kernel

/// An execution of (part of) one of our orders. A decision: it enters the decision digest.
public struct Fill: WireCodable, Equatable {
    public var orderID: UInt64
    /// The venue's execution id: a report seen twice (a resend) has the same id and is applied once.
    public var fillID: UInt64
    /// Integer lots filled by this execution.
    public var quantity: Int64
    /// Fixed-point execution price.
    public var price: Int64
    /// Fee in the account currency's minor units (cents for EUR); negative is a maker rebate.
    public var feeMinorUnits: Int64
    public var traceID: UInt64
    public var symbol: SymbolID
    public var side: Side
    public var venue: UInt8
    /// True when the order has nothing left open.
    public var isFinal: Bool

    public init(orderID: UInt64, symbol: SymbolID, side: Side, quantity: Int64, price: Int64,
                feeMinorUnits: Int64, isFinal: Bool, traceID: UInt64, fillID: UInt64 = 0, venue: UInt8 = 0) {
        self.orderID = orderID
        self.fillID = fillID
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.feeMinorUnits = feeMinorUnits
        self.isFinal = isFinal
        self.traceID = traceID
        self.venue = venue
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(orderID)
        writer.write(symbol)
        writer.write(side.rawValue)
        writer.write(quantity)
        writer.write(price)
        writer.write(feeMinorUnits)
        writer.write(isFinal)
        writer.write(traceID)
        writer.write(fillID)
        writer.write(venue)
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        try self.init(version1: &reader)
        fillID = try reader.readUInt64()
        venue = try reader.readUInt8()
    }

    /// The layout of message tag 49 (before fill ids and venues).
    public init(version1 reader: inout BinaryReader) throws(DecodingError) {
        orderID = try reader.readUInt64()
        symbol = try reader.readUInt32()
        let at = reader.offset
        side = try Side(wire: try reader.readUInt8(), offset: at)
        quantity = try reader.readInt64()
        price = try reader.readInt64()
        feeMinorUnits = try reader.readInt64()
        isFinal = try reader.readBool()
        traceID = try reader.readUInt64()
        fillID = 0
        venue = 0
    }
}
