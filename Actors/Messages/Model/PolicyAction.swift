import Kernel

/// One decision of a policy stage (docs/python.md): the action it took at a decision point, the
/// target it made of it, and the reward of the interval that ended there. A decision: it enters
/// the decision digest and the log, so a replay takes a policy's actions from the log and needs
/// neither the policy nor Python.
public struct PolicyAction: WireCodable, Equatable {
    /// The reward of the interval that ended at this decision (0 at the first), as the scenario's
    /// `policy.reward` weights it.
    public var reward: Double
    /// Signed lots wanted after the action (a multiple of the lot size).
    public var targetQuantity: Int64
    public var traceID: UInt64
    public var symbol: SymbolID
    /// The decision's number in the run, from 0.
    public var step: UInt32
    /// The action: −1 short, 0 flat, +1 long …
    public var direction: Int8
    /// … and indices into `policy.size_fractions`, `policy.stop_multiples` and
    /// `policy.take_profit_multiples`.
    public var sizeIndex: UInt8
    public var stopIndex: UInt8
    public var takeProfitIndex: UInt8

    public init(symbol: SymbolID, step: UInt32, direction: Int8, sizeIndex: UInt8, stopIndex: UInt8, takeProfitIndex: UInt8,
                targetQuantity: Int64, reward: Double, traceID: UInt64) {
        self.symbol = symbol
        self.step = step
        self.direction = direction
        self.sizeIndex = sizeIndex
        self.stopIndex = stopIndex
        self.takeProfitIndex = takeProfitIndex
        self.targetQuantity = targetQuantity
        self.reward = reward
        self.traceID = traceID
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.writeFields(byteCount: 36) { fields in
            fields.write(symbol)
            fields.write(step)
            fields.write(direction)
            fields.write(sizeIndex)
            fields.write(stopIndex)
            fields.write(takeProfitIndex)
            fields.write(targetQuantity)
            fields.write(reward)
            fields.write(traceID)
        }
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        symbol = try reader.readUInt32()
        step = try reader.readUInt32()
        direction = Int8(bitPattern: try reader.readUInt8())
        sizeIndex = try reader.readUInt8()
        stopIndex = try reader.readUInt8()
        takeProfitIndex = try reader.readUInt8()
        targetQuantity = try reader.readInt64()
        reward = try reader.readDouble()
        traceID = try reader.readUInt64()
    }
}
