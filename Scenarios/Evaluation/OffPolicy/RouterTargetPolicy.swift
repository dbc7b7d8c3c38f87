import Actors
import Kernel
import Messages

/// Another router policy, to be valued on a log's decisions: its ε and cost model, applied to the
/// market and the learned corrections each logged decision had.
///
/// For a logged decision the target policy prices its own candidates (the same venues and order
/// styles, unless its cost model offers others) with its cost model plus the logged arm's
/// correction, and is ε′-greedy over them: (1 − ε′) on its cheapest, ε′ / n spread evenly. A
/// target candidate the logging policy never offered has no logged propensity: its probability is
/// reported as unsupported mass, which no importance-weighted estimator can value.
public struct RouterTargetPolicy: Sendable {
    public let parameters: Router.Parameters

    public init(parameters: Router.Parameters) {
        self.parameters = parameters
    }

    /// The target's probability of each logged candidate, and the probability it puts on
    /// candidates the log never offered.
    public func probabilities(for decision: RoutingDecision) -> (logged: [Double], unsupported: Double) {
        var candidates: [RoutingChoice] = []
        parameters.costModel.appendCandidates(to: &candidates, quantity: decision.quantity, market: decision.market,
                                              venues: parameters.venues, listed: decision.listed)
        guard !candidates.isEmpty else { return ([Double](repeating: 0, count: decision.candidates.count), 1) }
        // The logged correction of each arm: predicted − model cost of the logged candidate.
        var correction: [Int: Double] = [:]
        for (index, candidate) in decision.candidates.enumerated() {
            correction[candidate.arm] = decision.predictedCostBasisPoints[index] - candidate.modelCostBasisPoints
        }
        let predicted = candidates.map { $0.modelCostBasisPoints + (correction[$0.arm] ?? 0) }
        var greedy = 0
        for index in predicted.indices where predicted[index] < predicted[greedy] { greedy = index }
        let share = parameters.exploration / Double(candidates.count)
        var logged = [Double](repeating: 0, count: decision.candidates.count)
        var unsupported = 0.0
        for (index, candidate) in candidates.enumerated() {
            let probability = (index == greedy ? 1 - parameters.exploration : 0) + share
            if let position = decision.candidates.firstIndex(where: { Self.sameAction($0, candidate) }) {
                logged[position] += probability
            } else {
                unsupported += probability
            }
        }
        return (logged, unsupported)
    }

    /// The same action: venue, order type and slicing (the predicted cost may differ).
    static func sameAction(_ a: RoutingChoice, _ b: RoutingChoice) -> Bool {
        a.venue == b.venue && a.type == b.type && a.slices == b.slices
    }
}
