/// An execution of (part of) one of our orders. A decision: it enters the decision digest.
public struct Fill: WireCodable, Equatable {
    public var orderID: UInt64
    public var symbol: SymbolID
    public var side: Side
    /// Integer lots filled by this execution.
    public var quantity: Int64
    /// Fixed-point execution price.
    public var price: Int64
    /// Fee in the account currency's minor units (cents for EUR), ≥ 0.
    public var feeMinorUnits: Int64
    /// True when the order has nothing left open.
    public var isFinal: Bool
    public var traceID: UInt64

    public init(orderID: UInt64, symbol: SymbolID, side: Side, quantity: Int64, price: Int64,
                feeMinorUnits: Int64, isFinal: Bool, traceID: UInt64) {
        self.orderID = orderID
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.feeMinorUnits = feeMinorUnits
        self.isFinal = isFinal
        self.traceID = traceID
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
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        orderID = try reader.readUInt64()
        symbol = try reader.readUInt32()
        let at = reader.offset
        side = try Side(wire: try reader.readUInt8(), offset: at)
        quantity = try reader.readInt64()
        price = try reader.readInt64()
        feeMinorUnits = try reader.readInt64()
        isFinal = try reader.readBool()
        traceID = try reader.readUInt64()
    }
}
