import ArgumentParser
import Foundation
import Scenarios

/// `metronome`: run, replay and measure deterministic trading pipelines.
///
/// Exit codes (all commands): 0 success · 1 the run failed a check · 2 bad input (usage,
/// unreadable or invalid file).
public struct Metronome: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "metronome",
        abstract: "A deterministic, actor-based simulation kernel for trading pipelines.",
        discussion: """
            Every run is reproducible bit-for-bit: the same scenario and seed give the same digests.

            Exit codes: 0 success, 1 a check failed, 2 bad input.

            Examples:
              metronome run calm-day
              metronome run Scenarios/Library/calm-day.yaml --seed 7 --report-json out/run.json
              metronome bench kernel --report-json out/kernel.json
            """,
        version: MetronomeVersion.text,
        subcommands: [RunCommand.self, ReplayCommand.self, LiveCommand.self, FeedCommand.self, DiffCommand.self, ChaosCommand.self, SweepCommand.self, MergeCommand.self, SlurmCommand.self, WalkForwardCommand.self, EvaluateCommand.self, LogCommand.self, ValidateCommand.self, SkillCommand.self, ScenariosCommand.self, BenchCommand.self, VersionCommand.self]
    )

    public init() {}

    /// Runs the command line with the component types a package registers (docs/extending.md):
    /// every command — run, replay, diff, chaos, sweep, bench … — knows them, and so do the
    /// worker processes it starts (they run this same executable).
    public static func main(registry: ComponentRegistry) {
        ComponentRegistry.install(registry)
        main()
    }

    /// Maps ArgumentParser's usage errors to exit code 2, like every other bad input.
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            Foundation.exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
