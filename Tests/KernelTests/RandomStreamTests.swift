import Kernel
import Messages
import Testing

/// Reference values computed by an independent Python implementation of SplitMix64,
/// xoshiro256** and FNV-1a (the generators are specified in docs/determinism.md).
@Suite struct RandomStreamTests {
    @Test func splitMix64MatchesReference() {
        var generator = SplitMix64(seed: 1_234_567)
        #expect(generator.next() == 6_457_827_717_110_365_317)
        #expect(generator.next() == 3_203_168_211_198_807_973)
        #expect(generator.next() == 9_817_491_932_198_370_423)
    }

    @Test func xoshiroMatchesReference() {
        var stream = RandomStream(seed: 42)
        #expect(stream.next() == 1_546_998_764_402_558_742)
        #expect(stream.next() == 6_990_951_692_964_543_102)
        #expect(stream.next() == 12_544_586_762_248_559_009)
        #expect(stream.next() == 17_057_574_109_182_124_193)
    }

    @Test func streamsAreSplitByName() {
        #expect(RandomStream.fnv1a64("agent.technical") == 0xA440_41C7_ED45_80CB)
        // seed = XXH64("agent.technical", seed: 7) = 0xda32934e1fae4a01
        var named = RandomStream(rootSeed: 7, streamName: "agent.technical")
        #expect(named.next() == 4_707_033_875_267_084_637)
        #expect(named.next() == 11_688_527_953_609_609_524)
        var other = RandomStream(rootSeed: 7, streamName: "agent.macro")
        #expect(other.next() != 4_707_033_875_267_084_637)
    }

    @Test func boundedDrawsStayInRangeAndCoverIt() {
        var stream = RandomStream(seed: 3)
        var seen = [Bool](repeating: false, count: 10)
        for _ in 0..<10_000 {
            let value = stream.next(below: 10)
            #expect(value < 10)
            seen[Int(value)] = true
        }
        #expect(seen.allSatisfy { $0 })
        for _ in 0..<10_000 {
            let unit = stream.nextDouble()
            #expect(unit >= 0 && unit < 1)
        }
    }

    @Test func gaussianHasUnitMoments() {
        var stream = RandomStream(seed: 11)
        let count = 200_000
        var sum = 0.0
        var sumOfSquares = 0.0
        for _ in 0..<count {
            let value = stream.nextGaussian()
            sum += value
            sumOfSquares += value * value
        }
        let mean = sum / Double(count)
        let variance = sumOfSquares / Double(count) - mean * mean
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.02)
    }

    @Test func idsAreUniqueAcrossActors() {
        var first = IDGenerator(owner: ActorID(rawValue: 1))
        var second = IDGenerator(owner: ActorID(rawValue: 2))
        let a = (0..<100).map { _ in first.next() }
        let b = (0..<100).map { _ in second.next() }
        #expect(Set(a + b).count == 200)
        #expect(a[0] == (1 << 40) | 1)
    }
}
