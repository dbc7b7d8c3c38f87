import ArgumentParser
import Foundation
import Scenarios

struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the library scenarios, one line each.",
        discussion: "Example:\n  metronome scenarios")

    func run() throws {
        let files = ScenarioLocator.library()
        guard !files.isEmpty else { throw CommandFailure.badInput("metronome: error: the scenario library was not found") }
        for file in files {
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let summary = (try? ScenarioLoader.load(path: file)).map { $0.description } ?? "(invalid: run `metronome validate \(name)`)"
            // calm-day is what `make demo` runs.
            let label = name == "calm-day" ? "calm-day (default)" : name
            print(label.padding(toLength: 24, withPad: " ", startingAt: 0) + summary)
        }
    }
}
