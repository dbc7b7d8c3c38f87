import Foundation
import Scenarios

/// Resolves and loads the scenario named on the command line, with exit code 2 on bad input.
enum ScenarioArgument {
    /// The scenario, its file's path and its text (what sweeps merge overrides into).
    static func loadWithText(_ nameOrPath: String) throws -> (scenario: Scenario, path: String, text: String) {
        let scenario = try load(nameOrPath)
        return (scenario, scenario.sourcePath, scenario.sourceText)
    }

    static func load(_ nameOrPath: String) throws -> Scenario {
        guard let path = ScenarioLocator.resolve(nameOrPath) else {
            let names = ScenarioLocator.library().map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
            throw CommandFailure.badInput("""
                metronome: error: no scenario file or library scenario named '\(nameOrPath)'
                  hint: library scenarios: \(names.isEmpty ? "(library not found)" : names.joined(separator: ", "))
                """)
        }
        do {
            return try ScenarioLoader.load(path: path)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
    }
}
