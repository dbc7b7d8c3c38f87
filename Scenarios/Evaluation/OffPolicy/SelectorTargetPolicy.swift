import Actors
import Kernel
import Messages

/// Another selector policy — its ε, penalty weight λ and slate size — to be valued on a log's
/// slates. On a logged slate it picks as the selector does, greedily by score − λ × the largest
/// directional correlation with the picks so far, exploring with probability ε′ at each pick;
/// the probability of the logged ordered slate is the product of its picks' probabilities. A
/// target whose slate size differs gives every logged slate probability 0 (unsupported).
public struct SelectorTargetPolicy: Sendable {
    public let parameters: Selector.Parameters

    public init(parameters: Selector.Parameters) {
        self.parameters = parameters
    }

    /// The target's probability of the logged ordered slate.
    public func probability(of decision: SlateDecision) -> Double {
        let size = min(parameters.count, decision.candidates.count)
        guard size == decision.picks.count else { return 0 }
        let selection = DiversifiedSelection(count: parameters.count, penaltyWeight: parameters.penaltyWeight)
        var remaining = zip(decision.candidates, decision.scores).map { DiversifiedSelection.Candidate(index: $0, score: $1) }
        var picks: [DiversifiedSelection.Pick] = []
        var probability = 1.0
        for logged in decision.picks {
            guard let position = remaining.firstIndex(where: { $0.index == logged }) else { return 0 }
            let greedy = greedyPosition(remaining, after: picks, selection: selection, decision: decision)
            probability *= (position == greedy ? 1 - parameters.exploration : 0) + parameters.exploration / Double(remaining.count)
            picks.append(selection.evaluate(remaining[position], after: picks, correlation: decision.correlation))
            remaining.remove(at: position)
        }
        return probability
    }

    /// Draws one ordered slate from the target (for the doubly robust estimator's model term).
    public func draw(_ decision: SlateDecision, stream: inout RandomStream) -> [Int] {
        let selection = DiversifiedSelection(count: parameters.count, penaltyWeight: parameters.penaltyWeight)
        var remaining = zip(decision.candidates, decision.scores).map { DiversifiedSelection.Candidate(index: $0, score: $1) }
        var picks: [DiversifiedSelection.Pick] = []
        while picks.count < parameters.count, !remaining.isEmpty {
            var position = greedyPosition(remaining, after: picks, selection: selection, decision: decision)
            if stream.nextBernoulli(parameters.exploration) { position = Int(stream.next(below: UInt64(remaining.count))) }
            picks.append(selection.evaluate(remaining[position], after: picks, correlation: decision.correlation))
            remaining.remove(at: position)
        }
        return picks.map(\.index)
    }

    /// The selector's greedy choice: the best adjusted score, the first on ties.
    private func greedyPosition(_ remaining: [DiversifiedSelection.Candidate], after picks: [DiversifiedSelection.Pick],
                                selection: DiversifiedSelection, decision: SlateDecision) -> Int {
        var best = 0
        var bestScore = selection.evaluate(remaining[0], after: picks, correlation: decision.correlation).adjustedScore
        for position in 1..<max(remaining.count, 1) where position < remaining.count {
            let score = selection.evaluate(remaining[position], after: picks, correlation: decision.correlation).adjustedScore
            if score > bestScore { (best, bestScore) = (position, score) }
        }
        return best
    }
}
