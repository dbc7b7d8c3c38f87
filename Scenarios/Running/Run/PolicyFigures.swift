/// A policy stage's record in a run (docs/python.md): how many decisions it took, the intents it
/// sent, how often a stop or a take-profit flattened it, and the sum of its rewards.
public struct PolicyFigures: Sendable, Codable, Equatable {
    public var decisions: Int
    public var intents: Int
    public var stops_hit: Int
    public var take_profits_hit: Int
    /// Σ of the rewards of every interval, the last one (to the run's end) included.
    public var total_reward: Double
}
