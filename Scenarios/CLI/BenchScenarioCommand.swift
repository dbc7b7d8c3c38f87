import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

/// `metronome bench FILE`: a scenario's latency per stage, simulated and wall, against its budgets.
struct BenchScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Run a scenario with per-stage measurement on; print each stage's latency against the scenario's budgets.",
        discussion: """
            Every stage (feeds, agents, blender, selector, sizer, gate, router, trader, broker, portfolio) and \
            tick-to-order get an HdrHistogram of simulated latency (from the latency models and the pipeline's own \
            waits) and one of wall time (each handler's cost on this machine). The table shows p50, p99, p99.9 and max \
            beside the scenario's budgets: section, with ok or EXCEEDED. Measurement never changes the run: the \
            digests are those of `metronome run`. `bench scenario FILE` and `bench FILE` are the same command.

            Exit codes: 0 ok (or budgets exceeded without --check-budgets), 1 --check-budgets and a budget was \
            exceeded, 2 bad input (no such scenario, an invalid file, --check-budgets without a budgets: section).

            Examples:
              metronome bench calm-day
              metronome bench stress-100 --quiet
              metronome bench calm-day --check-budgets --until 2h --report-json out/stages.json --report-html out/stages.html
            """)

    @Argument(help: "Scenario file or library name.")
    var scenario: String

    @Flag(name: .customLong("check-budgets"), help: "Exit with 1 when a budgeted percentile is exceeded.")
    var checkBudgets = false

    @Option(help: "Override the scenario's root seed.")
    var seed: UInt64?

    @Option(help: "Stop early: a UTC time or a duration after the start (1h30m).")
    var until: String?

    @Option(name: .customLong("report-json"), help: "Write the per-stage figures and the verdicts as JSON to this path.")
    var reportJSON: String?

    @Option(name: .customLong("report-html"), help: "Write a self-contained HTML page with every stage's histograms to this path.")
    var reportHTML: String?

    @Flag(help: "No progress bar (it is shown only when standard error is a terminal).")
    var quiet = false

    func run() throws {
        let loaded = try ScenarioArgument.load(scenario)
        let untilTime = try TimeArgument.until(until, scenario: loaded)
        if checkBudgets && (loaded.budgets?.isEmpty ?? true) {
            throw CommandFailure.badInput("""
                metronome: error: --check-budgets: \(loaded.sourcePath) has no budgets: section
                  hint: add one, e.g. budgets: { simulated: { broker: { p99: 10ms } } } (docs/scenarios.md)
                """)
        }
        for (option, path) in [("--report-json", reportJSON), ("--report-html", reportHTML)] {
            if let path { try ReportFile.checkWritable(path, option: option) }
        }
        let result: StageBenchmark.Result
        // Ctrl-C stops the run cleanly, even while it is being wired: the table covers what ran.
        let controls = RunControls(showsProgress: !quiet)
        defer { controls.cancel() }
        do {
            result = try StageBenchmark.run(scenario: loaded, options: ScenarioRun.Options(seed: seed, until: untilTime)) { run in
                controls.attach(run.kernel, scenario: loaded, until: untilTime)
            }
        } catch {
            throw CommandFailure.badInput("metronome: error: \(error)")
        }
        controls.finishProgress()
        let report = StageBenchmark.report(result)
        if let reportJSON { try ReportFile.write(report, to: reportJSON) }
        if let reportHTML { try ReportFile.write(Data(StageBenchmarkHTML.render(report).utf8), to: reportHTML) }
        print(StageTable.render(report))
        if checkBudgets && !report.budgets_ok {
            let list = report.violations.map { "\($0.stage) \($0.clock) \($0.percentile)" }.joined(separator: ", ")
            throw CommandFailure.checkFailed("metronome: budgets exceeded: \(list)")
        }
    }
}
