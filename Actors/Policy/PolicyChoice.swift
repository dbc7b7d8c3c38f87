/// What a policy decides at a decision point: a direction and indices into the stage's size
/// fractions, stop multiples and take-profit multiples (seed 004's discrete hybrid action).
public struct PolicyChoice: Sendable, Equatable {
    /// −1 short, 0 flat, +1 long.
    public var direction: Int8
    public var sizeIndex: Int
    public var stopIndex: Int
    public var takeProfitIndex: Int

    public init(direction: Int8, sizeIndex: Int = 0, stopIndex: Int = 0, takeProfitIndex: Int = 0) {
        self.direction = direction
        self.sizeIndex = sizeIndex
        self.stopIndex = stopIndex
        self.takeProfitIndex = takeProfitIndex
    }

    /// Flat: what a policy that has nothing to say does.
    public static let flat = PolicyChoice(direction: 0)

    /// Why this choice does not fit `parameters`, if it does not.
    public func problem(for parameters: PolicyStage.Parameters) -> String? {
        if !(-1...1).contains(direction) { return "direction \(direction): expected -1 (short), 0 (flat) or 1 (long)" }
        if !parameters.sizeFractions.indices.contains(sizeIndex) {
            return "size index \(sizeIndex): expected 0…\(parameters.sizeFractions.count - 1) (policy.size_fractions)"
        }
        if !parameters.stopMultiples.indices.contains(stopIndex) {
            return "stop index \(stopIndex): expected 0…\(parameters.stopMultiples.count - 1) (policy.stop_multiples)"
        }
        if !parameters.takeProfitMultiples.indices.contains(takeProfitIndex) {
            return "take-profit index \(takeProfitIndex): expected 0…\(parameters.takeProfitMultiples.count - 1) (policy.take_profit_multiples)"
        }
        return nil
    }
}

extension PolicyChoice {
    /// Why a `MultiDiscrete` action (four indices) does not fit `parameters`, said in indices, as
    /// the caller wrote it.
    public static func problem(indices: [Int64], for parameters: PolicyStage.Parameters) -> String? {
        guard indices.count == 4 else { return "an action is 4 indices (direction, size, stop, take-profit), got \(indices.count)" }
        guard (0...2).contains(indices[0]) else { return "direction index \(indices[0]): expected 0 (short), 1 (flat) or 2 (long)" }
        return PolicyChoice(fromIndices: indices).problem(for: parameters)
    }

    /// From a Gymnasium `MultiDiscrete([3, sizes, stops, take-profits])` action: the direction's
    /// index 0, 1, 2 is short, flat, long. Indices out of the Int8/Int range become invalid choices
    /// (``problem(for:)`` names them) rather than traps.
    public init(fromIndices indices: [Int64]) {
        let direction = indices.count > 0 ? indices[0] - 1 : 0
        self.init(direction: Int8(clamping: direction), sizeIndex: Int(clamping: indices.count > 1 ? indices[1] : 0),
                  stopIndex: Int(clamping: indices.count > 2 ? indices[2] : 0),
                  takeProfitIndex: Int(clamping: indices.count > 3 ? indices[3] : 0))
    }
}
