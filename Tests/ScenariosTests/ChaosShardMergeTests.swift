import Foundation
import Testing
@testable import ScenarioChaos
@testable import ScenarioFaults
@testable import ScenarioReports
@testable import ScenarioRunning

/// The merge of chaos shard results, on results made up for it: the merged report is the report of
/// all the results at once (whatever order the shards come in), and a missing shard, a seed in two
/// shards, or shards of different suites or counts are refused with the documented exit codes.
@Suite struct ChaosShardMergeTests {
    static let naming = ChaosNaming(scenario: "made-up", scenarioArgument: "made-up.yaml", untilText: "2h", out: "/shared/chaos")
    static let suite = ChaosSuiteIdentity(naming: naming, scenarioDigest: "abc", seeds: Array(1...10), faults: nil, plan: nil, shrink: false,
                                          build: "test build")

    /// Seed 5 fails; every seed fired `feed_gap` seed times.
    static func result(_ seed: UInt64) -> ChaosSeedResult {
        let fault = ChaosPlan.Fault(fault: "feed_gap", start_ns: seed * 1_000, duration_ns: 5, target: nil, magnitude: 0.5, parameter: 0)
        let violations = seed == 5 ? [InvariantOracle.Violation(invariant: .noOverfill, time: 1_709_300_000_000_000_000, detail: "order 1 overfilled")] : []
        return ChaosSeedResult(seed: seed, plan: ChaosPlan(seed: seed, faults: [fault]), violations: violations, faults_fired: ["feed_gap": seed],
                               faults_ran: 1, events: 100 * seed, wall_seconds: Double(seed), log: seed == 5 ? naming.logPath(seed: 5) : nil)
    }

    static func shard(_ index: Int, of count: Int = 3, suite: ChaosSuiteIdentity = suite, extra: [UInt64] = []) -> (path: String, result: ChaosShardResult) {
        let part = RunShard(index: index, count: count)
        let seeds = (part.items(of: suite.seeds) + extra).sorted()
        return ("shard-\(part.fileTag).json", ChaosShardResult(suite: suite, shard: part, results: seeds.map(result), shrunk: [], wallSeconds: Double(index)))
    }

    static func json(_ report: ChaosSuiteReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    @Test func theMergedReportIsTheReportOfAllTheResults() throws {
        let merged = try ChaosShardMerge.merge([Self.shard(3), Self.shard(1), Self.shard(2)])
        let whole = ChaosSuiteReport(results: (1...10).map(Self.result), wallSeconds: 3, naming: Self.naming)
        #expect(try Self.json(merged) == Self.json(whole))
        #expect(merged.failures.map(\.seed) == [5])
        #expect(merged.failures[0].log == "/shared/chaos/made-up-seed-5.mlog")
        #expect(merged.failures[0].reproduce == "metronome chaos made-up.yaml --seeds 5 --plan /shared/chaos/made-up-seed-5.plan.json --until 2h")
        let text = merged.text(quiet: false)
        #expect(text.contains("chaos made-up: 10 seeds, 1 failing, 5,500 events"), "\(text)")
    }

    @Test func missingShardsAndSeedsExitThree() throws {
        #expect {
            try ChaosShardMerge.merge([Self.shard(1), Self.shard(3)])
        } throws: { error in
            guard let failure = error as? CommandFailure else { return false }
            return failure.exitCode == 3 && failure.message.contains("7 of 10 seeds; missing shard 2/3; missing seeds 2, 5, 8")
        }
    }

    @Test func duplicatesAndMixedSuitesExitTwo() throws {
        let cases: [([(path: String, result: ChaosShardResult)], String)] = [
            ([Self.shard(1), Self.shard(1), Self.shard(2), Self.shard(3)], "shard 1/3 is given twice"),
            ([Self.shard(1, extra: [2]), Self.shard(2), Self.shard(3)], "seeds in more than one shard result: 2"),
            ([Self.shard(1), Self.shard(2, of: 4)], "the shards of one suite share their count"),
            ([Self.shard(1), Self.shard(2, suite: { var other = Self.suite; other.faults = "feed_gap"; return other }())], "--faults feed_gap against (all)"),
            ([Self.shard(1), Self.shard(2, suite: { var other = Self.suite; other.build = "another build"; return other }())], "built by another build"),
        ]
        for (shards, message) in cases {
            #expect {
                try ChaosShardMerge.merge(shards)
            } throws: { error in
                guard let failure = error as? CommandFailure else { return false }
                return failure.exitCode == 2 && failure.message.contains(message)
            }
        }
    }
}
