import Actors
import Kernel
import Messages
import Testing

@Suite struct SelectorTests {
    /// A and B move together (ρ = 0.9); C is independent. Scores: A 1.00, B 0.95, C 0.80.
    static let correlations: [[Double]] = [[1, 0.9, 0], [0.9, 1, 0], [0, 0, 1]]
    static let candidates = [DiversifiedSelection.Candidate(index: 0, score: 1.00),
                             DiversifiedSelection.Candidate(index: 1, score: 0.95),
                             DiversifiedSelection.Candidate(index: 2, score: 0.80)]
    func correlation(_ a: Int, _ b: Int) -> Double { SelectorTests.correlations[a][b] }

    @Test func lambdaZeroIsPlainTopK() {
        let picks = DiversifiedSelection(count: 2, penaltyWeight: 0).select(SelectorTests.candidates, correlation: correlation)
        #expect(picks.map(\.index) == [0, 1])
    }

    @Test func prefersTheUncorrelatedAssetWhenLambdaSaysSo() {
        // B: 0.95 − 0.5 × 0.9 = 0.50 < C: 0.80 − 0.5 × 0 = 0.80.
        let picks = DiversifiedSelection(count: 2, penaltyWeight: 0.5).select(SelectorTests.candidates, correlation: correlation)
        #expect(picks.map(\.index) == [0, 2])
        #expect(picks[1].penalty == 0)
        #expect(abs(picks[1].adjustedScore - 0.80) < 1e-12)
        // A small λ does not outweigh B's edge: 0.95 − 0.1 × 0.9 = 0.86 > 0.80.
        let mild = DiversifiedSelection(count: 2, penaltyWeight: 0.1).select(SelectorTests.candidates, correlation: correlation)
        #expect(mild.map(\.index) == [0, 1])
        #expect(abs(mild[1].adjustedScore - 0.86) < 1e-12)
    }

    /// The shadowing bug: reusing the running penalty as the weight. With three picks the weight
    /// must stay λ for the third pick too.
    @Test func theWeightIsNotShadowedByThePenalty() {
        let correlations: [[Double]] = [[1, 0.9, 0.2, 0.1], [0.9, 1, 0.2, 0.1], [0.2, 0.2, 1, 0.3], [0.1, 0.1, 0.3, 1]]
        let candidates = (0..<4).map { DiversifiedSelection.Candidate(index: $0, score: [1.0, 0.95, 0.7, 0.58][$0]) }
        let picks = DiversifiedSelection(count: 3, penaltyWeight: 1.0).select(candidates) { correlations[$0][$1] }
        // After A: B 0.95 − 0.9 = 0.05, C 0.7 − 0.2 = 0.5, D 0.58 − 0.1 = 0.48 → C.
        // After A, C: B 0.95 − 0.9 = 0.05, D 0.58 − 0.3 = 0.28 → D (a shadowed weight would be 0.2 here).
        #expect(picks.map(\.index) == [0, 2, 3])
        #expect(picks.map(\.penalty) == [0, 0.2, 0.3])
    }

    @Test func rollingCorrelationOfKnownSeries() {
        var rolling = RollingCorrelation(symbolCount: 3, window: 4)
        let a = [1.0, 2, 3, 4, 5, 6]
        for index in 0..<6 { rolling.add([a[index], 2 * a[index] + 1, -a[index]]) }
        #expect(rolling.filled == 4)
        #expect(abs(rolling.correlation(0, 1) - 1) < 1e-12)
        #expect(abs(rolling.correlation(0, 2) + 1) < 1e-12)
        #expect(DiversifiedSelection.averagePairCorrelation([0, 1, 2], correlation: rolling.correlation) < 0)
    }
}
