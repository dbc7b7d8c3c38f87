import Kernel

/// The sizer's wish for one symbol: move the position to `targetQuantity`, with the numbers
/// behind it. A decision: it enters the decision digest and the decision log.
public struct Intent: WireCodable, Equatable {
    /// Signed lots wanted after the trade.
    public var targetQuantity: Int64
    /// Signed lots to trade: target − what the sizer had asked for before (its previous target,
    /// less whatever a gate cut or a venue refused).
    public var quantity: Int64
    /// The mark (mid) the intent was sized at, fixed point.
    public var referencePrice: Int64
    public var traceID: UInt64
    public var symbol: SymbolID
    /// Fractional Kelly weight: fraction × μ / σ², as a share of equity (signed).
    public var kellyWeight: Float
    /// The weight after the volatility cap and the per-trade risk cap.
    public var cappedWeight: Float
    /// Drawdown governor's multiplier, 0…1.
    public var drawdownScale: Float
    /// CVaR multiplier, 0…1: 95 % CVaR budget ÷ the CVaR of recent returns.
    public var cvarScale: Float

    public init(symbol: SymbolID, targetQuantity: Int64, quantity: Int64, referencePrice: Int64, kellyWeight: Float,
                cappedWeight: Float, drawdownScale: Float, cvarScale: Float, traceID: UInt64) {
        self.symbol = symbol
        self.targetQuantity = targetQuantity
        self.quantity = quantity
        self.referencePrice = referencePrice
        self.kellyWeight = kellyWeight
        self.cappedWeight = cappedWeight
        self.drawdownScale = drawdownScale
        self.cvarScale = cvarScale
        self.traceID = traceID
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(symbol)
        writer.write(targetQuantity)
        writer.write(quantity)
        writer.write(referencePrice)
        writer.write(kellyWeight)
        writer.write(cappedWeight)
        writer.write(drawdownScale)
        writer.write(cvarScale)
        writer.write(traceID)
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        symbol = try reader.readUInt32()
        targetQuantity = try reader.readInt64()
        quantity = try reader.readInt64()
        referencePrice = try reader.readInt64()
        kellyWeight = try reader.readFloat()
        cappedWeight = try reader.readFloat()
        drawdownScale = try reader.readFloat()
        cvarScale = try reader.readFloat()
        traceID = try reader.readUInt64()
    }
}
