import ScenarioRunning

/// Where a chaos suite keeps a failing seed's log and plan, and the reproducer it prints. Files
/// are named by scenario and seed, so shards of one suite (disjoint by seed) writing into one
/// shared folder never collide, and a merge names them exactly as a single-machine run does.
public struct ChaosNaming: Codable, Equatable, Sendable {
    /// The scenario's name (from its file), which the files are named after.
    public var scenario: String
    /// The scenario as given on the command line, for reproducers.
    public var scenarioArgument: String
    /// `--until` as given, for reproducers.
    public var untilText: String?
    /// `--out`.
    public var out: String

    public init(scenario: String, scenarioArgument: String, untilText: String?, out: String) {
        self.scenario = scenario
        self.scenarioArgument = scenarioArgument
        self.untilText = untilText
        self.out = out
    }

    public func logPath(seed: UInt64) -> String { "\(out)/\(scenario)-seed-\(seed).mlog" }

    public func planPath(seed: UInt64, suffix: String = "") -> String {
        "\(out)/\(scenario)-seed-\(seed)\(suffix.isEmpty ? "" : "-\(suffix)").plan.json"
    }

    /// A shard's result file (``ChaosShardResult``).
    public func shardPath(_ shard: RunShard) -> String { "\(out)/\(scenario)-shard-\(shard.fileTag).json" }

    /// The one-line reproducer of a seed: its plan file replays exactly those faults.
    public func reproduce(seed: UInt64, planFile: String) -> String {
        var line = "metronome chaos \(scenarioArgument) --seeds \(seed) --plan \(planFile)"
        if let untilText { line += " --until \(untilText)" }
        return line
    }
}
