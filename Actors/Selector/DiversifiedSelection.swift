/// Greedy submodular top-K: picks, one at a time, the candidate with the best
/// `score − λ × penalty`, where the penalty is the candidate's largest positive correlation with
/// the assets already chosen. λ = 0 is plain top-K.
///
/// The classic pseudo-code writes `lambda = max(corr(c, s) for s in chosen)` inside the loop and
/// then `score - lambda * lambda`-style expressions, shadowing the weight λ with the running
/// penalty: after the first pick the configured weight is gone. Here the weight (`penaltyWeight`)
/// and the penalty are separate values, and each pick records both.
public struct DiversifiedSelection: Sendable {
    /// One candidate: an index the caller understands and its expected return (or any score).
    public struct Candidate: Sendable, Equatable {
        public var index: Int
        public var score: Double

        public init(index: Int, score: Double) {
            self.index = index
            self.score = score
        }
    }

    /// One pick, with the numbers behind it.
    public struct Pick: Sendable, Equatable {
        public var index: Int
        public var score: Double
        /// Largest positive correlation with the earlier picks (0 for the first).
        public var penalty: Double
        /// `score − penaltyWeight × penalty`.
        public var adjustedScore: Double
    }

    public let penaltyWeight: Double
    public let count: Int

    public init(count: Int, penaltyWeight: Double) {
        precondition(count > 0 && penaltyWeight >= 0)
        self.count = count
        self.penaltyWeight = penaltyWeight
    }

    /// Selects up to `count` candidates. Ties go to the lower index (deterministic).
    /// - Complexity: O(K × n × K) correlation lookups.
    public func select(_ candidates: [Candidate], correlation: (Int, Int) -> Double) -> [Pick] {
        var remaining = candidates
        var picks: [Pick] = []
        while picks.count < count, !remaining.isEmpty {
            var best: (position: Int, pick: Pick)?
            for (position, candidate) in remaining.enumerated() {
                let penalty = picks.reduce(0.0) { max($0, correlation(candidate.index, $1.index)) }
                let adjusted = candidate.score - penaltyWeight * penalty
                let pick = Pick(index: candidate.index, score: candidate.score, penalty: penalty, adjustedScore: adjusted)
                if let current = best {
                    if adjusted > current.pick.adjustedScore || (adjusted == current.pick.adjustedScore && candidate.index < current.pick.index) {
                        best = (position, pick)
                    }
                } else {
                    best = (position, pick)
                }
            }
            guard let chosen = best else { break }
            picks.append(chosen.pick)
            remaining.remove(at: chosen.position)
        }
        return picks
    }

    /// How `candidate` would score as the next pick after `picks`.
    public func evaluate(_ candidate: Candidate, after picks: [Pick], correlation: (Int, Int) -> Double) -> Pick {
        let penalty = picks.reduce(0.0) { max($0, correlation(candidate.index, $1.index)) }
        return Pick(index: candidate.index, score: candidate.score, penalty: penalty, adjustedScore: candidate.score - penaltyWeight * penalty)
    }

    /// Mean pairwise correlation of a set of indices (0 for fewer than two).
    public static func averagePairCorrelation(_ indices: [Int], correlation: (Int, Int) -> Double) -> Double {
        guard indices.count >= 2 else { return 0 }
        var total = 0.0
        var pairs = 0
        for first in 0..<indices.count {
            for second in (first + 1)..<indices.count {
                total += correlation(indices[first], indices[second])
                pairs += 1
            }
        }
        return total / Double(pairs)
    }
}
