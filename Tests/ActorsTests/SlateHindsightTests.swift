import Actors
import Testing

/// The selector's hindsight figures (docs/metrics.md, "Selector figures"): regret and top-K hit
/// rate of a slate against the best K candidates one interval later, on known values.
@Suite struct SlateHindsightTests {
    @Test func aSlateIsScoredAgainstTheBestKInItsForecastsDirections() throws {
        var hindsight = SlateHindsight()
        // Four candidates; 0 and 2 forecast up, 1 and 3 down; the slate picks 0 and 1.
        hindsight.made(candidates: [0, 1, 2, 3], directions: [1, -1, 1, -1], picks: [0, 1], logMids: [0, 0, 0, 0])
        // Directional returns: 0: +0.001, 1: −(+0.002) = −0.002, 2: +0.003, 3: −(−0.004) = +0.004.
        hindsight.score(logMids: [0.001, 0.002, 0.003, -0.004])
        // Best two: 3 (+0.004) and 2 (+0.003) = 0.007; the slate: 0.001 − 0.002 = −0.001; regret 0.008.
        #expect(hindsight.scoredSlates == 1)
        #expect(abs(try #require(hindsight.meanRegretBasisPoints) - 80) < 1e-9)
        #expect(hindsight.topKHitRate == 0)
        #expect(hindsight.chanceHitRate == 0.5)
        // The next slate picks the winner: no regret, every pick a hit.
        hindsight.made(candidates: [0, 1], directions: [1, 1], picks: [1], logMids: [0, 0])
        hindsight.score(logMids: [0.001, 0.002])
        #expect(abs(try #require(hindsight.meanRegretBasisPoints) - 40) < 1e-9)
        #expect(hindsight.topKHitRate == 0.5)
    }

    @Test func aSlateWithAnUnquotedCandidateIsNotScored() {
        var hindsight = SlateHindsight()
        hindsight.made(candidates: [0, 1], directions: [1, 1], picks: [0], logMids: [0, nil])
        hindsight.score(logMids: [0.1, 0.1])
        #expect(hindsight.scoredSlates == 0 && hindsight.meanRegretBasisPoints == nil)
    }
}
