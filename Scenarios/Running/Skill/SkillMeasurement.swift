import Actors
import Kernel
import Messages
import ScenarioDefinition

/// Skill over many seeds: each agent's information coefficient (and the blend's) per seed, their
/// mean, and a percentile-bootstrap 95 % interval of the mean (the seeds resampled with
/// replacement, 10,000 times, from a fixed stream: the interval is reproducible).
public struct SkillMeasurement: Sendable {
    public struct Row: Sendable {
        public var name: String
        /// Per seed, in the order run (nil: too few scored forecasts in that run).
        public var perSeed: [Double?]
        public var mean: Double?
        public var interval: (low: Double, high: Double)?
        /// Seeds whose IC was above 0.
        public var positiveSeeds: Int
    }

    public var seeds: [UInt64]
    public var agents: [Row]
    public var blend: Row?

    public static let resamples = 10_000

    /// Runs `scenario` once per seed and gathers every agent's IC (the agents' own scoring) and
    /// the blend's (``ForecastScorer``, the same rule).
    /// - Parameter until: cut each run short at this time (nil: the whole scenario).
    public static func measure(scenario: Scenario, seeds: [UInt64], until: Timestamp? = nil,
                               progress: (UInt64) -> Void = { _ in }) throws -> SkillMeasurement {
        var perAgent: [[Double?]] = []
        var names: [String] = []
        var blend: [Double?] = []
        for seed in seeds {
            progress(seed)
            let run = try ScenarioRun(scenario: scenario, options: .init(seed: seed, until: until))
            let scorer = ForecastScorer(symbolCount: scenario.universe.count)
            run.kernel.deliveryObserver = scorer
            let outcome = try run.run()
            if names.isEmpty {
                names = outcome.agents.map(\.name)
                perAgent = Array(repeating: [], count: names.count)
            }
            for (index, agent) in outcome.agents.enumerated() where index < perAgent.count { perAgent[index].append(agent.informationCoefficient) }
            blend.append(scenario.blender == nil ? nil : scorer.informationCoefficient)
        }
        return SkillMeasurement(seeds: seeds, agents: zip(names, perAgent).map { row(name: $0, perSeed: $1) },
                                blend: scenario.blender == nil ? nil : row(name: "blend", perSeed: blend))
    }

    static func row(name: String, perSeed: [Double?]) -> Row {
        let values = perSeed.compactMap { $0 }
        let mean = values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        return Row(name: name, perSeed: perSeed, mean: mean, interval: bootstrapInterval(values),
                   positiveSeeds: values.filter { $0 > 0 }.count)
    }

    /// The 2.5 % and 97.5 % quantiles of the mean of `values` resampled with replacement.
    public static func bootstrapInterval(_ values: [Double], resamples: Int = SkillMeasurement.resamples) -> (low: Double, high: Double)? {
        guard values.count >= 2 else { return nil }
        var random = SplitMix64(seed: 0x5EED_0019)
        var means = [Double](repeating: 0, count: resamples)
        for draw in 0..<resamples {
            var sum = 0.0
            for _ in values.indices { sum += values[Int(random.next() % UInt64(values.count))] }
            means[draw] = sum / Double(values.count)
        }
        means.sort()
        let low = means[Int(0.025 * Double(resamples - 1))]
        let high = means[Int((0.975 * Double(resamples - 1)).rounded(.up))]
        return (low, high)
    }

    /// The best single agent's mean IC.
    public var bestAgentMean: Double? { agents.compactMap(\.mean).max() }
}
