import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild a run from its log alone and, with --verify, check it is bit-for-bit the same.",
        discussion: """
            The log holds the scenario and every input: the replay runs the same components on the \
            virtual clock without re-running any generator. With --verify it exits 0 iff both digests \
            equal the recorded ones; otherwise it prints the first differing event and exits 1.

            With --with OVERRIDES.yaml it is a counterfactual: the same recorded inputs through the \
            pipeline with changed parameters (gate limits, agent weights, router settings — any \
            scenario key; see docs/live.md), recorded to a new log and compared with the original \
            like `metronome diff`: what orders, fills, gate decisions and PnL would have changed.

            Examples:
              metronome run calm-day --record out/calm.mlog
              metronome replay out/calm.mlog --verify
              metronome replay out/calm.mlog --until 1h --report-json out/replay.json
              metronome replay out/calm.mlog --with tighter-gate.yaml --report-json out/whatif.json
            """)

    @Argument(help: "The log to replay.")
    var log: String

    @Flag(help: "Compare with the recording; exit 1 on the first difference.")
    var verify = false

    @Option(help: "Stop early: a UTC time or a duration after the start.")
    var until: String?

    @Option(name: .customLong("report-json"), help: "Write the JSON report to this path.")
    var reportJSON: String?

    @Option(name: .customLong("with"), help: "Counterfactual: replay with these scenario overrides (YAML) and compare with the original.")
    var overrides: String?

    @Option(help: "With --with: keep the counterfactual's log at this path.")
    var record: String?

    @Flag(name: .customLong("record-signals"),
          help: "With --with: journal signals, their indicators, forecasts and slates in the counterfactual's log (always, when the original holds them).")
    var recordSignals = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors and the verdict.")
    var quiet = false

    func run() throws {
        if let overrides { return try counterfactual(overrides) }
        if record != nil { throw CommandFailure.badInput("metronome: error: --record needs --with (a plain replay is its own log)") }
        if recordSignals { throw CommandFailure.badInput("metronome: error: --record-signals needs --with (a plain replay checks the signals its log holds)") }
        let untilTime: Timestamp?
        do {
            untilTime = try until.map { text throws -> Timestamp in
                try TimeArgument.parse(text, start: JournalReader(path: log).header.startTime, option: "--until")!
            }
        } catch let error as JournalError {
            throw CommandFailure.badInput("metronome: error: \(log): \(error)")
        }
        let replay: ReplayRun
        let outcome: ReplayRun.Outcome
        do {
            replay = try ReplayRun(logPath: log, until: untilTime)
            outcome = try replay.replay()
        } catch let error as CommandFailure {
            throw error
        } catch let error as ScenarioError {
            throw CommandFailure.badInput("metronome: error: \(error)")
        } catch let error as JournalError {
            throw CommandFailure.badInput("metronome: error: \(log): \(error)")
        } catch let error as ReplayComponentMismatch {
            throw CommandFailure.badInput("metronome: error: \(error)")
        }
        var report = RunReport(outcome.run)
        report.mode = "replay"
        let verification = ReplayReport(outcome, verify: verify)
        if let reportJSON {
            try ReportFile.write(ReplayReportFile(run: report, verification: verification), to: reportJSON)
        }
        if !quiet { print(SummaryTable.render(report)) }
        if let recorded = outcome.recordedDigest, !quiet {
            print("recorded digest  \(recorded)  decision_digest \(outcome.recordedDecisionDigest ?? "-")")
        }
        guard verify else { return }
        if let divergence = outcome.divergence {
            print(divergence.description)
            throw ExitCode(1)
        }
        if let limitation = outcome.limitation {
            print("not verified: \(limitation)")
            throw ExitCode(1)
        }
        if let note = outcome.note {
            print("verified: \(note) (\(outcome.decisionsChecked) decisions, \(outcome.checkpointsChecked) checkpoints compared)")
            return
        }
        let signals = outcome.signalsChecked > 0 ? ", \(outcome.signalsChecked) signal records" : ""
        print("verified: both digests equal the recording (\(outcome.inputsChecked) inputs, \(outcome.decisionsChecked) decisions\(signals), \(outcome.checkpointsChecked) checkpoints compared)")
    }
}

extension ReplayCommand {
    func counterfactual(_ overridesPath: String) throws {
        if verify { throw CommandFailure.badInput("metronome: error: --verify and --with exclude each other (a counterfactual is meant to differ)") }
        if until != nil { throw CommandFailure.badInput("metronome: error: --until does not apply to a counterfactual: it covers the original's span") }
        if let reportJSON { try ReportFile.checkWritable(reportJSON, option: "--report-json") }
        if let record { try ReportFile.checkWritable(record, option: "--record") }
        // A log without a trailer has no end to replay to (a live day would run for ever).
        let (trailer, trailerProblem) = try LogCommand.open(log).trailerStatus()
        if trailer == nil {
            throw CommandFailure.badInput("metronome: error: \(log): \(JournalError.notClosed(path: log, reason: trailerProblem ?? "no valid trailer"))")
        }
        let outcome: CounterfactualRun.Outcome
        do {
            outcome = try CounterfactualRun.run(logPath: log, overridesPath: overridesPath, recordPath: record, recordSignals: recordSignals)
        } catch let error as ScenarioError {
            throw CommandFailure.badInput(error.description)
        } catch let error as JournalError {
            throw CommandFailure.badInput("metronome: error: \(log): \(error)")
        }
        var report = RunReport(outcome.run)
        report.mode = "counterfactual"
        let diff = DiffReport(outcome.diff)
        if let reportJSON { try ReportFile.write(CounterfactualReportFile(run: report, overrides: overridesPath, diff: diff), to: reportJSON) }
        guard !quiet else { return }
        print(SummaryTable.render(report))
        print(diff.same ? "counterfactual: the same run as the original (the overrides change nothing here)" : "counterfactual vs original (A = original, B = with \(overridesPath)):")
        if !diff.same { print(diff.text) }
    }
}

struct CounterfactualReportFile: Codable {
    var run: RunReport
    var overrides: String
    var diff: DiffReport
}

/// The verification part of the replay report.
struct ReplayReport: Codable {
    var verify: Bool
    var verified: Bool
    var limitation: String?
    var recorded_digest: String?
    var recorded_decision_digest: String?
    var inputs_checked: UInt64
    var decisions_checked: UInt64
    var signals_checked: UInt64
    var checkpoints_checked: Int
    var divergence: DivergenceReport?

    struct DivergenceReport: Codable {
        var kind: String
        var event_index: UInt64
        var time: String
        var actor: String
        var expected: String
        var actual: String
        var detail: String
    }

    init(_ outcome: ReplayRun.Outcome, verify: Bool) {
        self.verify = verify
        verified = outcome.verified
        limitation = outcome.limitation
        recorded_digest = outcome.recordedDigest
        recorded_decision_digest = outcome.recordedDecisionDigest
        inputs_checked = outcome.inputsChecked
        decisions_checked = outcome.decisionsChecked
        signals_checked = outcome.signalsChecked
        checkpoints_checked = outcome.checkpointsChecked
        divergence = outcome.divergence.map {
            DivergenceReport(kind: $0.kind.rawValue, event_index: $0.eventIndex, time: TimeUnits.iso8601($0.time), actor: $0.actor,
                             expected: $0.expected, actual: $0.actual, detail: $0.detail)
        }
    }
}

struct ReplayReportFile: Codable {
    var run: RunReport
    var verification: ReplayReport
}

/// Writes a Codable value as pretty, key-sorted JSON, creating folders; exit 2 when it cannot.
