import Kernel

/// An agent's view of one instrument: expected return and its uncertainty over a horizon.
public struct Signal: WireCodable, Equatable {
    public var symbol: SymbolID
    /// Expected log return over the horizon.
    public var mu: Double
    /// Standard deviation of that return (the agent's uncertainty, not the market's volatility alone).
    public var sigma: Double
    public var horizonNanoseconds: DurationNanoseconds
    /// 0…1.
    public var confidence: Double
    /// Regime label as the agent sees it (0 = unknown).
    public var regime: UInt8
    public var agentID: UInt16
    public var modelVersion: UInt16
    /// Links the signal to the tick that caused it and to every decision downstream.
    public var traceID: UInt64

    public init(symbol: SymbolID, mu: Double, sigma: Double, horizonNanoseconds: DurationNanoseconds, confidence: Double,
                regime: UInt8, agentID: UInt16, modelVersion: UInt16, traceID: UInt64) {
        self.symbol = symbol
        self.mu = mu
        self.sigma = sigma
        self.horizonNanoseconds = horizonNanoseconds
        self.confidence = confidence
        self.regime = regime
        self.agentID = agentID
        self.modelVersion = modelVersion
        self.traceID = traceID
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.writeFields(byteCount: 49) { fields in
            fields.write(symbol)
            fields.write(mu)
            fields.write(sigma)
            fields.write(horizonNanoseconds)
            fields.write(confidence)
            fields.write(regime)
            fields.write(agentID)
            fields.write(modelVersion)
            fields.write(traceID)
        }
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        symbol = try reader.readUInt32()
        mu = try reader.readDouble()
        sigma = try reader.readDouble()
        horizonNanoseconds = try reader.readUInt64()
        confidence = try reader.readDouble()
        regime = try reader.readUInt8()
        agentID = try reader.readUInt16()
        modelVersion = try reader.readUInt16()
        traceID = try reader.readUInt64()
    }
}
