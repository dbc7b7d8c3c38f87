import ScenarioRunning

/// `metronome merge` for sweep shards: checks that the shards are parts of one sweep, each once,
/// and makes the table the sweep gives when run at once (``SweepTable`` is made from the results
/// alone). Missing shards leave their runs in `missing_runs`; ``missingShards(_:)`` names them.
public enum SweepShardMerge {
    public static func merge(_ shards: [(path: String, result: SweepShardResult)]) throws(EvaluationError) -> SweepTable {
        guard let (firstPath, first) = shards.first else { throw EvaluationError("merge: no shard results given") }
        var seenShard: [Int: String] = [:]
        var seenRun: [Int: String] = [:]
        for (path, shard) in shards {
            guard shard.manifest == first.manifest else {
                throw EvaluationError("merge: \(path) is a shard of another sweep than \(firstPath) (\(shard.manifest.scenario), "
                                      + "\(shard.manifest.grid.runCount) runs against \(first.manifest.scenario), \(first.manifest.grid.runCount) runs)")
            }
            guard shard.shard.count == first.shard.count else {
                throw EvaluationError("merge: \(path) is shard \(shard.shard.text), \(firstPath) is shard \(first.shard.text): the shards of one sweep share their count")
            }
            guard shard.metric == first.metric else {
                throw EvaluationError("merge: \(path) ranks by \(shard.metric.rawValue), \(firstPath) by \(first.metric.rawValue)")
            }
            if let earlier = seenShard[shard.shard.index] { throw EvaluationError("merge: shard \(shard.shard.text) is given twice: \(earlier) and \(path)") }
            seenShard[shard.shard.index] = path
            for result in shard.results {
                guard (0..<first.manifest.grid.runCount).contains(result.run) else {
                    throw EvaluationError("merge: \(path) holds run \(result.run), outside the sweep's \(first.manifest.grid.runCount) runs")
                }
                if let earlier = seenRun[result.run] { throw EvaluationError("merge: run \(result.run) is in two shard results: \(earlier) and \(path)") }
                seenRun[result.run] = path
            }
        }
        let results = shards.flatMap(\.result.results).sorted { $0.run < $1.run }
        let missing = (0..<first.manifest.grid.runCount).filter { seenRun[$0] == nil }
        return SweepTable(manifest: first.manifest, results: results, missing: missing, metric: first.metric)
    }

    /// The shards (of `count`) that hold a missing run.
    public static func missingShards(_ table: SweepTable, count: Int) -> [Int] {
        Array(Set(table.missing_runs.map { $0 % count + 1 })).sorted()
    }
}
