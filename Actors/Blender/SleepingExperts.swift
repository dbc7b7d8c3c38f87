#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exponential weights (Hedge) over "sleeping experts": in each scored round only the agents that
/// spoke compete. Their weights take wₐ · exp(−η ℓₐ) and are then scaled back to the mass they had
/// together before the round, so an agent that abstained keeps its weight exactly — silence is
/// neither rewarded nor punished relative to the others — and among the ones that spoke, weight
/// flows from the worse forecasters to the better.
///
/// A floor then keeps every eligible agent (prior weight > 0) at or above `floor`, so one that
/// was wrong for a while can win its weight back; agents with weight 0 stay out.
public enum SleepingExperts {
    /// The Gaussian log score, up to a constant: ½ z² + ln σ with z = (r − μ) / σ. Proper: in
    /// expectation it is smallest for the true μ and σ, so neither a wide σ (which makes z small)
    /// nor a narrow one pays.
    public static func logScore(realized: Double, mu: Double, sigma: Double) -> Double {
        let z = (realized - mu) / sigma
        return 0.5 * z * z + log(sigma)
    }

    /// One round. `losses[slot]` is read only where `awake[slot]`; each awake agent's loss is taken
    /// relative to the best awake one and capped at `maximumLoss`, so one wild miss moves a weight
    /// by at most exp(−η · maximumLoss).
    public static func update(_ weights: inout [Double], losses: [Double], awake: [Bool], learningRate: Double, maximumLoss: Double) {
        var bestLoss = Double.infinity
        var awakeMass = 0.0
        for slot in weights.indices where awake[slot] && weights[slot] > 0 {
            bestLoss = min(bestLoss, losses[slot])
            awakeMass += weights[slot]
        }
        guard awakeMass > 0, bestLoss.isFinite else { return }
        var updatedMass = 0.0
        for slot in weights.indices where awake[slot] && weights[slot] > 0 {
            let regret = min(losses[slot] - bestLoss, maximumLoss)
            weights[slot] *= exp(-learningRate * (regret.isNaN ? maximumLoss : regret))
            updatedMass += weights[slot]
        }
        let scale = awakeMass / updatedMass
        for slot in weights.indices where awake[slot] && weights[slot] > 0 { weights[slot] *= scale }
    }

    /// Projects the weights onto {wₐ ≥ floor for every eligible agent, Σ w = 1}: the agents below
    /// the floor are pinned to it and the others share the rest in their proportions, repeated
    /// until no one more falls below (at most one pass per agent).
    public static func applyFloor(_ weights: inout [Double], floor requested: Double) {
        let eligible = weights.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        guard eligible > 0 else { return }
        let floor = min(max(requested, 0), 1 / Double(eligible))
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: weights.count) { pinned in
            pinned.initialize(repeating: false)
            while true {
                var pinnedCount = 0
                var freeMass = 0.0
                for slot in weights.indices where weights[slot] > 0 {
                    if pinned[slot] { pinnedCount += 1 } else { freeMass += weights[slot] }
                }
                let scale = freeMass > 0 ? (1 - Double(pinnedCount) * floor) / freeMass : 0
                var newlyPinned = false
                for slot in weights.indices where weights[slot] > 0 && !pinned[slot] {
                    weights[slot] *= scale
                    if weights[slot] < floor {
                        pinned[slot] = true
                        newlyPinned = true
                    }
                }
                for slot in weights.indices where pinned[slot] { weights[slot] = floor }
                if !newlyPinned { break }
            }
        }
    }
}
