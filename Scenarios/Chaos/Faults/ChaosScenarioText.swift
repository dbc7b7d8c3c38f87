import Actors
import Kernel
import Messages
import ScenarioDefinition
import Yams

/// The scenario text a chaos run records in its log: the scenario's own text plus what its replay
/// needs and the scenario may not say. A replay builds its run from the log alone, so the log must
/// tell it that faults were injected (the replay puts the fault interceptor back when the embedded
/// scenario has a `chaos:` section) and whether the self-test's bug was planted.
public enum ChaosScenarioText {
    /// - Parameters:
    ///   - settings: the settings the run's plan was drawn with; written as the `chaos:` section
    ///     when the scenario has none.
    ///   - plantedBug: the self-test's bug, when it is on in this run.
    /// - Returns: the scenario's text, unchanged when it already says everything.
    public static func recorded(scenario: Scenario, settings: ChaosSettings, plantedBug: ChaosSettings.PlantedBug?) throws -> String {
        let text: String
        var expected: ChaosSettings
        if let own = scenario.chaos {
            guard let plantedBug, own.plantedBug != plantedBug else { return scenario.sourceText }
            text = try insertingPlantedBug(plantedBug, into: scenario.sourceText, file: scenario.sourcePath)
            expected = own
        } else {
            expected = settings
            text = appendingSection(settings: settings, plantedBug: plantedBug, to: scenario.sourceText)
        }
        expected.plantedBug = plantedBug
        // The text is written once and replayed forever: check it reads back as intended.
        let reread = try ScenarioLoader.parse(text, file: "\(scenario.sourcePath) (as recorded for chaos)")
        guard reread.chaos == expected else {
            throw ScenarioError(file: scenario.sourcePath, line: 0, column: 0,
                                message: "cannot write this run's chaos settings into the log's scenario: they read back differently",
                                hint: "write the scenario's chaos: section in block style (docs/chaos.md)")
        }
        return text
    }

    /// The scenario without a `chaos:` section: the effective settings appended as one.
    static func appendingSection(settings: ChaosSettings, plantedBug: ChaosSettings.PlantedBug?, to source: String) -> String {
        var lines = [
            "# Written by `metronome chaos` into the recorded scenario: the settings this run's plan was drawn with,",
            "# so that the log replays on its own (docs/chaos.md).",
            "chaos:",
            "  faults: [\(settings.faults.map(\.name).joined(separator: ", "))]",
            "  swarm: \(settings.swarm)",
            "  events: \(settings.events)",
            "  from: \(DurationText.format(settings.windowStartNanoseconds))",
            "  until: \(DurationText.format(settings.windowEndNanoseconds))",
            "  min_duration: \(DurationText.format(settings.minimumDurationNanoseconds))",
            "  max_duration: \(DurationText.format(settings.maximumDurationNanoseconds))",
            "  liveness: \(DurationText.format(settings.livenessNanoseconds))",
            "  max_pending_events: \(settings.maximumPendingEvents)",
        ]
        if let plantedBug { lines.append("  planted_bug: \(plantedBug.rawValue)") }
        let separator = source.isEmpty || source.hasSuffix("\n") ? "\n" : "\n\n"
        return source + separator + lines.joined(separator: "\n") + "\n"
    }

    /// The scenario's own `chaos:` section with `planted_bug` added as its first key: at the
    /// position of the section's first key (block style) or just inside its brace (flow style),
    /// so the rest of the text stays byte for byte.
    static func insertingPlantedBug(_ bug: ChaosSettings.PlantedBug, into source: String, file: String) throws -> String {
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: source)
        } catch {
            throw ScenarioError(file: file, line: 0, column: 0, message: "not valid YAML: \(error)", hint: "")
        }
        guard case .mapping(let top)? = composed, let section = top["chaos"], case .mapping = section,
              let mark = section.mark else {
            throw ScenarioError(file: file, line: 0, column: 0, message: "the scenario's chaos: section is not a mapping",
                                hint: "e.g. chaos: { events: 6 }")
        }
        var scalars = Array(source.unicodeScalars)
        guard let offset = scalarOffset(line: mark.line, column: mark.column, in: scalars) else {
            throw ScenarioError(file: file, line: mark.line, column: mark.column, message: "the chaos: section's position is outside the text",
                                hint: "")
        }
        let insertion: String
        let position: Int
        // The mark is the brace of a flow mapping, the first key of a block one (Yams' own style
        // field is not reliable: it is read from the mapping's end event).
        if scalars[offset] == "{" {
            insertion = " planted_bug: \(bug.rawValue), "
            position = offset + 1
        } else {
            insertion = "planted_bug: \(bug.rawValue)\n" + String(repeating: " ", count: mark.column - 1)
            position = offset
        }
        scalars.insert(contentsOf: insertion.unicodeScalars, at: position)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    /// The offset, in Unicode scalars, of a 1-based line and column (libYAML's marks count scalars).
    private static func scalarOffset(line: Int, column: Int, in scalars: [Unicode.Scalar]) -> Int? {
        var currentLine = 1
        var index = 0
        while currentLine < line {
            guard let newline = scalars[index...].firstIndex(of: "\n") else { return nil }
            index = newline + 1
            currentLine += 1
        }
        let offset = index + column - 1
        return offset < scalars.count ? offset : nil
    }
}
