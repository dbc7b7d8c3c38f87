import Foundation
import Testing
@testable import ScenarioChaos
@testable import ScenarioRunning

/// Shards: disjoint parts that cover every item, parsed strictly; seed lists in messages.
@Suite struct RunShardTests {
    @Test func shardsAreDisjointAndCoverEverySeedInOrder() throws {
        let seeds = Array(UInt64(1)...10)
        let parts = (1...4).map { RunShard(index: $0, count: 4).items(of: seeds) }
        #expect(parts[0] == [1, 5, 9])
        #expect(parts[3] == [4, 8])
        #expect(parts.flatMap { $0 }.sorted() == seeds)
        #expect(RunShard(index: 1, count: 1).items(of: seeds) == seeds)
        #expect(RunShard(index: 12, count: 12).items(of: seeds).isEmpty, "more shards than seeds: the last are empty")
    }

    @Test func parsingAcceptsOnlyOneBasedParts() {
        #expect(RunShard.parse("3/4") == RunShard(index: 3, count: 4))
        for bad in ["0/4", "5/4", "4", "1/0", "a/b", "1/2/3", "/4", "-1/4"] { #expect(RunShard.parse(bad) == nil, "\(bad)") }
        #expect(RunShard(index: 3, count: 4).fileTag == "3-of-4")
    }

    @Test func seedListsFoldRuns() {
        #expect(SeedList.text([3, 7]) == "3, 7")
        #expect(SeedList.text([1, 2, 3, 5, 8, 9]) == "1..3, 5, 8..9")
        #expect(SeedList.text(Array(stride(from: UInt64(1), to: 100, by: 2))).hasSuffix("… (50 seeds)"))
    }
}
