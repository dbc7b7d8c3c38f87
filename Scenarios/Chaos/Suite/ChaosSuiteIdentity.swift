import ScenarioRunning

/// What makes two shard results parts of one chaos suite: the same scenario (and text), seeds,
/// fault options, output folder and build. A merge refuses shards that differ in any of them, and
/// a shard run again skips only a result of exactly this suite.
public struct ChaosSuiteIdentity: Codable, Equatable, Sendable {
    public var naming: ChaosNaming
    /// FNV-1a of the scenario file's text: an edited file is another suite.
    public var scenario_digest: String
    /// Every seed of the suite, in the order given.
    public var seeds: [UInt64]
    public var faults: String?
    public var plan: String?
    public var shrink: Bool
    /// The build that ran it (``BuildIdentity``): a fixed build is another suite.
    public var build: String

    public init(naming: ChaosNaming, scenarioDigest: String, seeds: [UInt64], faults: String?, plan: String?, shrink: Bool, build: String) {
        self.naming = naming
        scenario_digest = scenarioDigest
        self.seeds = seeds
        self.faults = faults
        self.plan = plan
        self.shrink = shrink
        self.build = build
    }

    /// The first field in which `other` differs, in words, or nil when it is the same suite.
    public func difference(from other: ChaosSuiteIdentity) -> String? {
        if naming.scenario != other.naming.scenario || naming.scenarioArgument != other.naming.scenarioArgument { return "scenario \(other.naming.scenarioArgument) against \(naming.scenarioArgument)" }
        if scenario_digest != other.scenario_digest { return "the scenario file's text differs" }
        if seeds != other.seeds { return "seeds (\(other.seeds.count) against \(seeds.count))" }
        if faults != other.faults { return "--faults \(other.faults ?? "(all)") against \(faults ?? "(all)")" }
        if plan != other.plan { return "--plan \(other.plan ?? "(drawn)") against \(plan ?? "(drawn)")" }
        if naming.untilText != other.naming.untilText { return "--until \(other.naming.untilText ?? "(none)") against \(naming.untilText ?? "(none)")" }
        if naming.out != other.naming.out { return "--out \(other.naming.out) against \(naming.out)" }
        if shrink != other.shrink { return "--shrink \(other.shrink) against \(shrink)" }
        if build != other.build { return "built by \(other.build) against \(build)" }
        return nil
    }
}
