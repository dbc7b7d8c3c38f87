import Foundation
import ScenarioReports
import ScenarioRunning

#if canImport(Glibc)
import Glibc
#endif

/// What `metronome chaos … --shard i/n` leaves in `--out`: the suite it belongs to, which shard
/// it is, and every one of its seeds' results (``ChaosSeedResult``), so that `metronome merge`
/// can make the suite's report from the shards alone. Written whole or not at all, last: its
/// presence means the shard is complete.
public struct ChaosShardResult: Codable, Sendable {
    /// `chaos-shard`: what `metronome merge` looks for.
    public var kind: String
    public var suite: ChaosSuiteIdentity
    public var shard: RunShard
    /// The shard's seed results, in seed order.
    public var results: [ChaosSeedResult]
    /// The shard's shrunk plans (`--shrink`: its first three failing seeds).
    public var shrunk: [ChaosSuiteReport.Shrunk]
    public var wall_seconds: Double

    public static let kindName = "chaos-shard"

    public init(suite: ChaosSuiteIdentity, shard: RunShard, results: [ChaosSeedResult], shrunk: [ChaosSuiteReport.Shrunk], wallSeconds: Double) {
        kind = Self.kindName
        self.suite = suite
        self.shard = shard
        self.results = results
        self.shrunk = shrunk
        wall_seconds = wallSeconds
    }

    /// The seeds this shard is to run.
    public var assignedSeeds: [UInt64] { shard.items(of: suite.seeds) }

    /// A complete result of exactly this suite and shard at `path`, or nil (none, damaged, or
    /// another suite's: it is run again).
    public static func existing(at path: String, suite: ChaosSuiteIdentity, shard: RunShard) -> ChaosShardResult? {
        guard let data = FileManager.default.contents(atPath: path),
              let result = try? JSONDecoder().decode(ChaosShardResult.self, from: data),
              result.kind == kindName, result.suite == suite, result.shard == shard,
              result.results.map(\.seed) == result.assignedSeeds.sorted() else { return nil }
        return result
    }

    /// Written to a temporary file and renamed, so a reader never sees half a result.
    public func write(to path: String) throws {
        let temporary = path + ".partial"
        try ReportFile.write(self, to: temporary)
        guard rename(temporary, path) == 0 else {
            throw CommandFailure.checkFailed("metronome: error: cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))")
        }
    }
}
