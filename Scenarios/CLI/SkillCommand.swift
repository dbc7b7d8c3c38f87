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
        let seedList = try Self.parseSeeds(seeds)
        let measurement = try SkillMeasurement.measure(scenario: loaded, seeds: seedList) { seed in
            FileHandle.standardError.write(Data("metronome skill: \(loaded.name) seed \(seed)\n".utf8))
        }
        print(Self.table(measurement, scenario: loaded.name))
        if let jsonPath { try Self.json(measurement).write(to: URL(fileURLWithPath: jsonPath), atomically: true, encoding: .utf8) }
    }

    static func parseSeeds(_ text: String) throws -> [UInt64] {
        let parts = text.components(separatedBy: "..")
        if parts.count == 2, let first = UInt64(parts[0]), let last = UInt64(parts[1]), first <= last, last - first < 10_000 {
            return Array(first...last)
        }
        let list = text.split(separator: ",").map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        guard !list.isEmpty, list.allSatisfy({ $0 != nil }) else {
            throw CommandFailure.badInput("metronome: error: --seeds expects a range like 1..20 or a list like 1,2,7, found '\(text)'")
        }
        return list.map { $0! }
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

    static func json(_ measurement: SkillMeasurement) -> String {
        func value(_ number: Double?) -> String { number.map { String(format: "%.6f", $0) } ?? "null" }
        func row(_ row: SkillMeasurement.Row) -> String {
            "{\"name\": \"\(row.name)\", \"ic\": \(value(row.mean)), \"low\": \(value(row.interval?.low)), \"high\": \(value(row.interval?.high)), "
                + "\"per_seed\": [\(row.perSeed.map(value).joined(separator: ", "))]}"
        }
        let agents = measurement.agents.map(row).joined(separator: ",\n    ")
        return "{\n  \"seeds\": [\(measurement.seeds.map(String.init).joined(separator: ", "))],\n  \"agents\": [\n    \(agents)\n  ],\n"
            + "  \"blend\": \(measurement.blend.map(row) ?? "null")\n}\n"
    }
}
