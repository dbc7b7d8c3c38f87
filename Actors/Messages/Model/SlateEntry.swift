import Kernel

/// One pick of the selector's slate. A slate of K picks travels as K entries sharing `slateID`
/// (messages stay small and trivially copyable); `rank` runs 0..<`count`.
public struct SlateEntry: WireCodable, Equatable {
    public var slateID: UInt64
    /// The forecast's μ (expected log return over the horizon).
    public var mu: Double
    /// The selection score before the penalty (μ / σ).
    public var score: Double
    /// Largest correlation with the earlier picks.
    public var penalty: Double
    /// Probability that this pick was made as it was (1 − ε for a greedy pick, ε / n for an
    /// exploratory one), for off-policy evaluation.
    public var propensity: Double
    public var symbol: SymbolID
    public var rank: UInt8
    public var count: UInt8
    /// True when ε-exploration chose this pick at random.
    public var explored: Bool

    public init(slateID: UInt64, mu: Double, score: Double, penalty: Double, propensity: Double, symbol: SymbolID,
                rank: UInt8, count: UInt8, explored: Bool) {
        self.slateID = slateID
        self.mu = mu
        self.score = score
        self.penalty = penalty
        self.propensity = propensity
        self.symbol = symbol
        self.rank = rank
        self.count = count
        self.explored = explored
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(slateID)
        writer.write(symbol)
        writer.write(rank)
        writer.write(count)
        writer.write(mu)
        writer.write(score)
        writer.write(penalty)
        writer.write(propensity)
        writer.write(explored)
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        slateID = try reader.readUInt64()
        symbol = try reader.readUInt32()
        rank = try reader.readUInt8()
        count = try reader.readUInt8()
        mu = try reader.readDouble()
        score = try reader.readDouble()
        penalty = try reader.readDouble()
        propensity = try reader.readDouble()
        explored = try reader.readBool()
    }
}
