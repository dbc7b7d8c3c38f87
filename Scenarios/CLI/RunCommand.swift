import ArgumentParser
import Foundation
import Kernel
import Messages
import Logging
import Scenarios

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario in simulated time and print its summary and digests.",
        discussion: """
            FILE is a path or the name of a library scenario (see `metronome scenarios`).
            The same scenario and seed always produce the same digest and decision_digest.

            Examples:
              metronome run calm-day
              metronome run calm-day --seed 7 --until 1h --report-json out/run.json
              metronome run flash-crash --report-html out/flash-crash.html
              metronome run calm-day --record out/calm.mlog --codec zstd --level 3
            """)

    @Argument(help: "Scenario file or library name.")
    var scenario: String

    @Option(help: "Override the scenario's root seed.")
    var seed: UInt64?

    @Option(help: "Stop early: a UTC time (2024-03-01T15:00:00Z) or a duration after the start (1h30m).")
    var until: String?

    @Option(name: .customLong("max-events"), help: "Stop after this many delivered events.")
    var maximumEvents: UInt64?

    @Option(name: .customLong("report-json"), help: "Write the JSON report to this path.")
    var reportJSON: String?

    @Option(name: .customLong("report-html"), help: "Write a self-contained HTML report (inline SVG charts, no network) to this path.")
    var reportHTML: String?

    @Option(help: ArgumentHelp("95 % stationary-block-bootstrap intervals of Sharpe, Sortino, CVaR 99 and PnL from N resamples (overrides metrics.bootstrap; 0 = none).",
                               valueName: "N"))
    var bootstrap: Int?

    @OptionGroup var recording: RecordingOptions

    @Option(name: .customLong("log-level"), help: "Component log level on stderr: trace, debug, info, notice, warning, error, critical. Logs never change the run.")
    var logLevel: String = "warning"

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        var loaded = try ScenarioArgument.load(scenario)
        if let bootstrap {
            guard (0...MetricsSettings.maximumBootstrapResamples).contains(bootstrap) else {
                throw CommandFailure.badInput("metronome: error: --bootstrap expects a number of resamples from 0 to 1,000,000, found \(bootstrap)")
            }
            loaded.metrics.bootstrapResamples = bootstrap
        }
        let untilTime = try TimeArgument.until(until, scenario: loaded)
        // Report paths are checked before the run, so a long run is never lost to a bad path.
        for (option, path) in [("--report-json", reportJSON), ("--report-html", reportHTML)] {
            if let path { try ReportFile.checkWritable(path, option: option) }
        }
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw CommandFailure.badInput("metronome: error: --log-level expects trace, debug, info, notice, warning, error or critical, found '\(logLevel)'")
        }
        let controls = RunControls(showsProgress: !quiet)
        defer { controls.cancel() }
        let run: ScenarioRun
        do {
            // --record wins over the scenario's record: section.
            let fromScenario = loaded.record.map { settings in
                ScenarioRun.Recording(path: settings.path, writer: JournalWriter.Options(
                    codec: settings.codec, level: settings.level, blockBytes: settings.blockBytes,
                    fsyncIntervalNanoseconds: settings.fsyncIntervalNanoseconds))
            }
            let options = ScenarioRun.Options(seed: seed, until: untilTime, maximumEvents: maximumEvents, logLevel: level,
                                              recording: try recording.recording() ?? fromScenario)
            run = try ScenarioRun(scenario: loaded, options: options)
        } catch let error as CommandFailure {
            throw error
        } catch {
            // The log file cannot be created, or the scenario cannot be wired: bad input.
            throw CommandFailure.badInput("metronome: error: \(error)")
        }
        // Ctrl-C stops the run cleanly: the summary is printed and the log is closed.
        controls.attach(run.kernel, scenario: loaded, until: untilTime)
        let outcome: RunOutcome
        do {
            outcome = try run.run()
            controls.finishProgress()
        } catch let error as JournalError {
            throw CommandFailure.checkFailed("metronome: error: recording failed: \(error)")
        } catch {
            throw CommandFailure.checkFailed("metronome: error: the run failed: \(error)")
        }
        let report = RunReport(outcome)
        if let reportJSON { try ReportFile.write(try report.json(), to: reportJSON) }
        if let reportHTML { try ReportFile.write(Data(HTMLReport.render(report: report, series: outcome.series).utf8), to: reportHTML) }
        if !quiet {
            print(SummaryTable.render(report))
            if let path = recording.record ?? loaded.record?.path, let journal = outcome.journal {
                print(SummaryTable.recording(path: path, statistics: journal, inputs: outcome.summary.inputs))
            }
        }
    }
}
