import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

struct BenchPipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Ticks and signals per second through a scenario's whole pipeline (default: the twelve-agent calm-day).",
        discussion: """
            Runs the scenario --repetitions times and keeps the fastest; then runs it again without agents, \
            blender and selector to show what the signal side costs on top of generating the ticks. \
            Ticks are every admitted input (quotes, trades, alternative data). Build in release first \
            (`make build`).

            Example:
              metronome bench pipeline calm-day --until 2h --report-json out/pipeline.json
            """)

    @Argument(help: "Scenario file or library name.")
    var scenario: String = "calm-day"

    @Option(help: "Stop each run at this simulated time (ISO 8601, or a duration after the start like 2h).")
    var until: String?

    @Option(help: "Repetitions of each timing (the best is kept).")
    var repetitions = 3

    @Option(name: .customLong("report-json"), help: "Write the JSON result to this path.")
    var reportJSON: String?

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
    }

    func run() throws {
        let loaded = try ScenarioArgument.load(scenario)
        let end = try TimeArgument.until(until, scenario: loaded)
        let result = try PipelineBenchmark.run(scenario: loaded, until: end, repetitions: repetitions) { step in
            FileHandle.standardError.write(Data("  … \(step)\n".utf8))
        }
        print("pipeline (\(result.scenario): \(result.agents) agents, \(result.build) build, best of \(result.repetitions))")
        print("  ticks                \(SummaryTable.grouped(result.ticks))")
        print("  signals              \(SummaryTable.grouped(UInt64(result.signals)))")
        print("  events               \(SummaryTable.grouped(result.events))")
        print(String(format: "  run                  %.3f s", result.run_seconds))
        print("  ticks/s              \(SummaryTable.grouped(UInt64(result.ticks_per_second)))")
        print("  signals/s            \(SummaryTable.grouped(UInt64(result.signals_per_second)))")
        print("  events/s             \(SummaryTable.grouped(UInt64(result.events_per_second)))")
        print(String(format: "  feeds only           %.3f s", result.feeds_only_seconds))
        let signalSide = result.signal_side_ticks_per_second.isFinite ? SummaryTable.grouped(UInt64(result.signal_side_ticks_per_second)) : "—"
        print("  signal side ticks/s  \(signalSide)")
        if let reportJSON { try ReportFile.write(result, to: reportJSON) }
    }
}
