import Foundation
import ScenarioReports
import ScenarioRunning

/// `metronome merge` for chaos shards: checks that the shards are the parts of one suite, each
/// once and none missing, and makes the report a single-machine run of the suite gives — the same
/// failures, counts and figures; only the wall time differs (the longest shard's: shards run side
/// by side).
public enum ChaosShardMerge {
    /// Exit code of a merge that lacks shards or seeds (2 is bad input: mixed or duplicated shards).
    public static let incompleteExitCode: Int32 = 3

    public static func merge(_ shards: [(path: String, result: ChaosShardResult)]) throws -> ChaosSuiteReport {
        guard let (firstPath, first) = shards.first else { throw CommandFailure.badInput("metronome: error: merge: no shard results given") }
        for (path, shard) in shards.dropFirst() {
            if let difference = first.suite.difference(from: shard.suite) {
                throw CommandFailure.badInput("metronome: error: merge: \(path) is a shard of another suite than \(firstPath): \(difference)")
            }
            if shard.shard.count != first.shard.count {
                throw CommandFailure.badInput("metronome: error: merge: \(path) is shard \(shard.shard.text), \(firstPath) is shard \(first.shard.text): "
                                              + "the shards of one suite share their count")
            }
        }
        try checkDuplicates(shards)
        let results = shards.flatMap(\.result.results).sorted { $0.seed < $1.seed }
        try checkCoverage(results: results, shards: shards.map(\.result), suite: first.suite)
        var report = ChaosSuiteReport(results: results, wallSeconds: shards.map(\.result.wall_seconds).max() ?? 0, naming: first.suite.naming)
        report.keepShrunk(shards.flatMap(\.result.shrunk))
        return report
    }

    /// A shard given twice, or a seed in two shards' results, is refused: it would count twice.
    static func checkDuplicates(_ shards: [(path: String, result: ChaosShardResult)]) throws {
        var seen: [Int: String] = [:]
        for (path, shard) in shards {
            if let earlier = seen[shard.shard.index] {
                throw CommandFailure.badInput("metronome: error: merge: shard \(shard.shard.text) is given twice: \(earlier) and \(path)")
            }
            seen[shard.shard.index] = path
        }
        var owner: [UInt64: String] = [:]
        var duplicated: [UInt64] = []
        for (path, shard) in shards {
            for result in shard.results {
                if owner[result.seed] != nil { duplicated.append(result.seed) } else { owner[result.seed] = path }
            }
        }
        if !duplicated.isEmpty {
            throw CommandFailure.badInput("metronome: error: merge: seeds in more than one shard result: \(SeedList.text(duplicated.sorted()))")
        }
    }

    /// Every shard and every seed of the suite must be there.
    static func checkCoverage(results: [ChaosSeedResult], shards: [ChaosShardResult], suite: ChaosSuiteIdentity) throws {
        let count = shards[0].shard.count
        let present = Set(shards.map(\.shard.index))
        let missingShards = (1...count).filter { !present.contains($0) }
        let have = Set(results.map(\.seed))
        let missingSeeds = suite.seeds.filter { !have.contains($0) }
        let suiteSeeds = Set(suite.seeds)
        let unexpected = results.map(\.seed).filter { !suiteSeeds.contains($0) }
        if !unexpected.isEmpty {
            throw CommandFailure.badInput("metronome: error: merge: results for seeds outside the suite: \(SeedList.text(unexpected))")
        }
        guard missingShards.isEmpty && missingSeeds.isEmpty else {
            var message = "metronome: error: merge: incomplete: \(suite.seeds.count - missingSeeds.count) of \(suite.seeds.count) seeds"
            if !missingShards.isEmpty {
                message += "; missing shard\(missingShards.count == 1 ? "" : "s") \(missingShards.map { "\($0)/\(count)" }.joined(separator: ", "))"
            }
            message += "; missing seeds \(SeedList.text(missingSeeds))"
            message += "\n  hint: run the missing shards (metronome chaos … --shard i/\(count) --out \(suite.naming.out)), then merge again"
            throw CommandFailure(message: message, exitCode: incompleteExitCode)
        }
    }
}
