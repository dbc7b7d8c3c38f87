import Kernel
import Messages

/// What every feature agent is configured with (one type for all models).
public struct FeatureAgentParameters: Sendable, Equatable {
    public var horizonNanoseconds: DurationNanoseconds
    public var agentID: UInt16
    /// σ before any forecast has been scored.
    public var priorSigma: Double

    public init(horizonNanoseconds: DurationNanoseconds = 1_800_000_000_000, agentID: UInt16, priorSigma: Double = 0.01) {
        self.horizonNanoseconds = horizonNanoseconds
        self.agentID = agentID
        self.priorSigma = priorSigma
    }
}
