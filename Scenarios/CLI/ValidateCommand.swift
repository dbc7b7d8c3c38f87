import ArgumentParser
import Scenarios

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario file without running it (exit 0 valid, 2 invalid).",
        discussion: "Example:\n  metronome validate Scenarios/Library/calm-day.yaml")

    @Argument(help: "Scenario file or library name.")
    var scenario: String

    func run() throws {
        let loaded = try ScenarioArgument.load(scenario)
        print("\(loaded.sourcePath): ok (\(loaded.name), \(loaded.universe.count) instruments, \(loaded.feeds.count) feeds, \(loaded.agents.count) agents)")
    }
}
