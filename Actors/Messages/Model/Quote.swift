import Kernel

/// Top of book for one instrument. Prices are fixed-point integers in the instrument's
/// price units (10^-precision of the currency); sizes are integer lots.
public struct Quote: WireCodable, Equatable {
    public var symbol: SymbolID
    public var bidPrice: Int64
    public var askPrice: Int64
    public var bidSize: Int64
    public var askSize: Int64
    /// When the venue says the quote happened (the event's own time is when it was admitted).
    public var exchangeTime: Timestamp

    public init(symbol: SymbolID, bidPrice: Int64, askPrice: Int64, bidSize: Int64, askSize: Int64, exchangeTime: Timestamp) {
        self.symbol = symbol
        self.bidPrice = bidPrice
        self.askPrice = askPrice
        self.bidSize = bidSize
        self.askSize = askSize
        self.exchangeTime = exchangeTime
    }

    /// (bid + ask) / 2, rounded toward negative infinity.
    public var midPrice: Int64 { (bidPrice &+ askPrice) >> 1 }

    public func encode(into writer: inout BinaryWriter) {
        writer.writeFields(byteCount: 44) { fields in
            fields.write(symbol)
            fields.write(bidPrice)
            fields.write(askPrice)
            fields.write(bidSize)
            fields.write(askSize)
            fields.write(exchangeTime)
        }
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        symbol = try reader.readUInt32()
        bidPrice = try reader.readInt64()
        askPrice = try reader.readInt64()
        bidSize = try reader.readInt64()
        askSize = try reader.readInt64()
        exchangeTime = try reader.readUInt64()
    }
}
