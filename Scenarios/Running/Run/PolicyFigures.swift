import Actors

/// A policy stage's record in a run (docs/python.md): how many decisions it took, the intents it
/// sent, how often a stop or a take-profit flattened it, and the sum of its rewards.
public struct PolicyFigures: Sendable, Codable, Equatable {
    public var decisions: Int
    public var intents: Int
    public var stops_hit: Int
    public var take_profits_hit: Int
    /// Σ of the rewards of every interval, the last one (to the run's end) included.
    public var total_reward: Double
    /// `total_reward` term by term (`log_return`, `drawdown`, `trade`, `holding`, `cost`; the
    /// penalties negative): where the total came from.
    public var reward_terms: [String: Double]

    public init(decisions: Int, intents: Int, stopsHit: Int, takeProfitsHit: Int, totalReward: Double, rewardTerms: PolicyRewardTerms) {
        self.decisions = decisions
        self.intents = intents
        stops_hit = stopsHit
        take_profits_hit = takeProfitsHit
        total_reward = totalReward
        reward_terms = ["log_return": rewardTerms.logReturn, "drawdown": rewardTerms.drawdown, "trade": rewardTerms.trade,
                        "holding": rewardTerms.holding, "cost": rewardTerms.cost]
    }
}
