import ArgumentParser
import Kernel
import Messages
import Scenarios

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario file and every data file it names without running it (exit 0 valid, 2 invalid).",
        discussion: """
            The scenario is checked key by key; then each data file (tick CSV, a file read through \
            its layout, daily bars, daily series; plain, .gz or .zst) is read row by row as a run \
            reads it, so its first bad row — or a layout column its header lacks — is reported as \
            file:line:column before any run.

            Example:
              metronome validate Scenarios/Library/calm-day.yaml
            """)

    @Argument(help: "Scenario file or library name.")
    var scenario: String

    func run() throws {
        let loaded = try ScenarioArgument.load(scenario)
        let dataFiles = loaded.feeds.compactMap(\.dataPath)
        do {
            let kernel = Kernel(configuration: KernelConfiguration(seed: loaded.seed, startTime: loaded.startTime))
            _ = try ScenarioFeeds.sources(of: loaded, kernel: kernel, seed: loaded.seed, end: loaded.endTime, forRun: false)
        } catch {
            throw CommandFailure.badInput("metronome: error: \(error)")
        }
        let files = dataFiles.isEmpty ? "" : ", \(dataFiles.count) data file\(dataFiles.count == 1 ? "" : "s") read"
        print("\(loaded.sourcePath): ok (\(loaded.name), \(loaded.universe.count) instruments, \(loaded.feeds.count) feeds, \(loaded.agents.count) agents\(files))")
    }
}
