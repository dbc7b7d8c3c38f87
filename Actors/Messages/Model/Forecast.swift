import Kernel

/// The blender's calibrated view of one symbol: μ and σ of the log return over the horizon, and
/// each agent's share in it.
///
/// A plain value (no array): every message stays trivially copyable and no larger than the
/// largest other message, which keeps the kernel's event copies cheap. Shares are quantized to
/// 1/255 per agent slot (agent ids 1…12). Fields are declared widest first so the struct packs.
public struct Forecast: WireCodable, Equatable {
    public var mu: Double
    public var sigma: Double
    public var horizonNanoseconds: DurationNanoseconds
    public var traceID: UInt64
    public var shares: AgentShares
    public var symbol: SymbolID
    public var regime: UInt8

    public init(mu: Double, sigma: Double, horizonNanoseconds: DurationNanoseconds, traceID: UInt64, shares: AgentShares,
                symbol: SymbolID, regime: UInt8) {
        self.symbol = symbol
        self.mu = mu
        self.sigma = sigma
        self.horizonNanoseconds = horizonNanoseconds
        self.regime = regime
        self.traceID = traceID
        self.shares = shares
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(symbol)
        writer.write(mu)
        writer.write(sigma)
        writer.write(horizonNanoseconds)
        writer.write(regime)
        writer.write(traceID)
        writer.write(shares.low)
        writer.write(shares.high)
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        symbol = try reader.readUInt32()
        mu = try reader.readDouble()
        sigma = try reader.readDouble()
        horizonNanoseconds = try reader.readUInt64()
        regime = try reader.readUInt8()
        traceID = try reader.readUInt64()
        shares = AgentShares(low: try reader.readUInt64(), high: try reader.readUInt32())
    }
}

/// Up to 12 agents' shares of a forecast, one byte each (share × 255, rounded), agent id `k`
/// in byte `k − 1`.
public struct AgentShares: Sendable, Equatable {
    public static let slots = 12
    public private(set) var low: UInt64
    public private(set) var high: UInt32

    public init(low: UInt64 = 0, high: UInt32 = 0) {
        self.low = low
        self.high = high
    }

    /// Quantizes `shares` (agent id → share in 0…1); ids outside 1…`slots` are ignored.
    public init(_ shares: [(agentID: UInt16, share: Double)]) {
        low = 0
        high = 0
        for (agentID, share) in shares { self[agentID] = share }
    }

    public subscript(agentID: UInt16) -> Double {
        get {
            guard agentID >= 1, Int(agentID) <= AgentShares.slots else { return 0 }
            let slot = Int(agentID) - 1
            let word = slot < 8 ? low : UInt64(high)
            return Double((word >> UInt64(8 * (slot % 8))) & 0xFF) / 255
        }
        set {
            guard agentID >= 1, Int(agentID) <= AgentShares.slots else { return }
            let slot = Int(agentID) - 1
            let byte = UInt64(min(max((newValue * 255).rounded(), 0), 255))
            let shift = UInt64(8 * (slot % 8))
            if slot < 8 {
                low = (low & ~(0xFF << shift)) | (byte << shift)
            } else {
                high = UInt32((UInt64(high) & ~(0xFF << shift)) | (byte << shift))
            }
        }
    }

    /// (agent id, share) for every agent with a non-zero share, by id.
    public var nonZero: [(agentID: UInt16, share: Double)] {
        (1...UInt16(AgentShares.slots)).compactMap { id in self[id] > 0 ? (id, self[id]) : nil }
    }
}
