import Foundation
import ScenarioRunning

/// What `metronome sweep … --shard i/n` leaves in its folder besides the runs' files
/// (`shards/shard-i-of-n.json`): the sweep's manifest, which shard it is, the table's metric and
/// currency, and the shard's run results, so that `metronome merge` can make the sweep's table from
/// shard results alone (gathered from machines without a shared folder, too). Written last, whole.
public struct SweepShardResult: Codable, Sendable {
    /// `sweep-shard`: what `metronome merge` looks for.
    public var kind: String
    public var manifest: SweepStore.Manifest
    public var shard: RunShard
    public var metric: SweepMetric
    public var currency: String
    /// The shard's runs, in run order.
    public var results: [SweepRunResult]

    public static let kindName = "sweep-shard"

    public init(manifest: SweepStore.Manifest, shard: RunShard, metric: SweepMetric, currency: String, results: [SweepRunResult]) {
        kind = Self.kindName
        self.manifest = manifest
        self.shard = shard
        self.metric = metric
        self.currency = currency
        self.results = results
    }

    public static func path(in directory: String, shard: RunShard) -> String { "\(directory)/shards/shard-\(shard.fileTag).json" }

    public func write(in directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory + "/shards", withIntermediateDirectories: true)
        try SweepStore.writeAtomically(SweepStore.encoder.encode(self), to: Self.path(in: directory, shard: shard))
    }
}
