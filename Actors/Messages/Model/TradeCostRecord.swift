import Kernel

/// Transaction-cost analysis of one order, written by the router when the order is done:
/// what it was expected to cost and what it did. A decision: it enters the decision log.
public struct TradeCostRecord: WireCodable, Equatable {
    public var orderID: UInt64
    /// Mid when the router decided (fixed point): the benchmark of implementation shortfall.
    public var arrivalPrice: Int64
    /// Volume-weighted fill price (in price units ×10^precision, fractional).
    public var averageFillPrice: Double
    public var filledQuantity: Int64
    /// Implementation shortfall in basis points of the arrival price, fees included; positive = cost.
    public var shortfallBasisPoints: Double
    /// The cost model's prediction for the chosen venue and order type, in basis points.
    public var predictedCostBasisPoints: Float
    /// Probability that the router chose this venue and order type as it did (ε-exploration).
    public var propensity: Float
    public var symbol: SymbolID
    public var venue: UInt8
    public var type: OrderType

    public init(orderID: UInt64, symbol: SymbolID, venue: UInt8, type: OrderType, arrivalPrice: Int64, averageFillPrice: Double,
                filledQuantity: Int64, shortfallBasisPoints: Double, predictedCostBasisPoints: Float, propensity: Float) {
        self.propensity = propensity
        self.orderID = orderID
        self.symbol = symbol
        self.venue = venue
        self.type = type
        self.arrivalPrice = arrivalPrice
        self.averageFillPrice = averageFillPrice
        self.filledQuantity = filledQuantity
        self.shortfallBasisPoints = shortfallBasisPoints
        self.predictedCostBasisPoints = predictedCostBasisPoints
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(orderID)
        writer.write(symbol)
        writer.write(venue)
        writer.write(type.rawValue)
        writer.write(arrivalPrice)
        writer.write(averageFillPrice)
        writer.write(filledQuantity)
        writer.write(shortfallBasisPoints)
        writer.write(predictedCostBasisPoints)
        writer.write(propensity)
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        orderID = try reader.readUInt64()
        symbol = try reader.readUInt32()
        venue = try reader.readUInt8()
        let at = reader.offset
        type = try OrderType(wire: try reader.readUInt8(), offset: at)
        arrivalPrice = try reader.readInt64()
        averageFillPrice = try reader.readDouble()
        filledQuantity = try reader.readInt64()
        shortfallBasisPoints = try reader.readDouble()
        predictedCostBasisPoints = try reader.readFloat()
        propensity = try reader.readFloat()
    }
}
