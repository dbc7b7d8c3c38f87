import ArgumentParser
import Foundation
import Scenarios

/// `metronome skill`: every agent's information coefficient over many seeds, with a bootstrap
/// 95 % interval, and the blend's (docs/agents.md, "Measured skill").
struct SkillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skill",
        abstract: "Measure each agent's and the blend's information coefficient over many seeds, with bootstrap 95 % intervals.",
        discussion: "Example:\n  metronome skill planted-alpha --seeds 1..20")

    @Argument(help: "Scenario file or library name.")
    var scenario: String

    @Option(help: "Seeds to run: a range (1..20) or a list (1,2,7).")
    var seeds: String = "1..20"

    @Option(name: .customLong("json"), help: "Also write the per-seed figures as JSON to this file.")
    var jsonPath: String?

    func run() throws {
        let loaded = try ScenarioArgument.load(scenario)
        let seedList = try ChaosCommand.parseSeeds(seeds)
        // A bad path fails now, not after every seed has run.
        if let jsonPath { try ReportFile.checkWritable(jsonPath, option: "--json") }
        let measurement = try SkillMeasurement.measure(scenario: loaded, seeds: seedList) { seed in
            FileHandle.standardError.write(Data("metronome skill: \(loaded.name) seed \(seed)\n".utf8))
        }
        print(Self.table(measurement, scenario: loaded.name))
        if let jsonPath { try ReportFile.write(SkillReport(measurement), to: jsonPath) }
    }

    static func table(_ measurement: SkillMeasurement, scenario: String) -> String {
        func number(_ value: Double?) -> String { value.map { String(format: "%+.3f", $0) } ?? "     -" }
        let rows = measurement.agents + (measurement.blend.map { [$0] } ?? [])
        let width = max(rows.map(\.name.count).max() ?? 5, 5)
        var lines = ["\(scenario), \(measurement.seeds.count) seeds: information coefficient (mean over seeds, bootstrap 95 % interval)",
                     "agent".padding(toLength: width, withPad: " ", startingAt: 0) + "  IC      95 % interval      seeds > 0"]
        for row in rows {
            let interval = row.interval.map { "[\(number($0.low)), \(number($0.high))]" } ?? "        -         "
            lines.append(row.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(number(row.mean))  \(interval)  "
                         + "\(row.positiveSeeds)/\(row.perSeed.count)")
        }
        if let blend = measurement.blend?.mean, let best = measurement.bestAgentMean {
            lines.append(String(format: "blend %@ the best single agent: %+.3f vs %+.3f", blend > best ? "beats" : "does not beat", blend, best))
        }
        return lines.joined(separator: "\n")
    }

}

/// `metronome skill --json`: the seeds, each agent's and the blend's IC, interval and per-seed values.
struct SkillReport: Encodable {
    struct Row: Encodable {
        var name: String
        var ic: Double?
        var low: Double?
        var high: Double?
        var per_seed: [Double?]

        init(_ row: SkillMeasurement.Row) {
            name = row.name
            ic = row.mean
            low = row.interval?.low
            high = row.interval?.high
            per_seed = row.perSeed
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(ic, forKey: .ic)
            try container.encode(low, forKey: .low)
            try container.encode(high, forKey: .high)
            try container.encode(per_seed, forKey: .per_seed)
        }

        private enum CodingKeys: String, CodingKey { case name, ic, low, high, per_seed }
    }

    var seeds: [UInt64]
    var agents: [Row]
    var blend: Row?

    init(_ measurement: SkillMeasurement) {
        seeds = measurement.seeds
        agents = measurement.agents.map(Row.init)
        blend = measurement.blend.map(Row.init)
    }

    /// Undefined figures are written as null, so every agent has every key.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seeds, forKey: .seeds)
        try container.encode(agents, forKey: .agents)
        try container.encode(blend, forKey: .blend)
    }

    private enum CodingKeys: String, CodingKey { case seeds, agents, blend }
}
