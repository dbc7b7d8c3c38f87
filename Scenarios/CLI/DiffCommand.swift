import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two logs: exit 0 when they describe the same run, else show the first divergence and what changed.",
        discussion: """
            Records (inputs and decisions) are compared in order. At the first difference it prints \
            the record index, time, actor and both records, then a decision-level summary: orders, \
            fills and gate decisions added, removed or changed (paired by the input behind them — \
            its ordinal among the inputs, not its sequence number — the stage, symbol and rank; \
            not by order id) and the PnL delta (positions marked at each log's last quotes). \
            Exit 0 same run, 1 different, 2 unreadable log.

            Examples:
              metronome diff out/day.mlog out/replayed.mlog
              metronome diff out/seed1.mlog out/seed2.mlog --report-json out/diff.json
            """)

    @Argument(help: "The first log (A).")
    var a: String

    @Argument(help: "The second log (B).")
    var b: String

    @Option(name: .customLong("report-json"), help: "Write the comparison as JSON to this path.")
    var reportJSON: String?

    @Flag(name: .shortAndLong, help: "Print nothing; only the exit code tells.")
    var quiet = false

    func run() throws {
        if let reportJSON { try ReportFile.checkWritable(reportJSON, option: "--report-json") }
        // Open each log first, so an unreadable one is named (A or B, and its path).
        for (name, path) in [("A", a), ("B", b)] {
            do {
                _ = try JournalReader(path: path)
            } catch {
                throw CommandFailure.badInput("metronome: error: log \(name) (\(path)) is unreadable: \(error)")
            }
        }
        let diff: LogDiff
        do {
            diff = try LogDiff.compare(a, b)
        } catch let error as JournalError {
            throw CommandFailure.badInput("metronome: error: \(error)")
        }
        let report = DiffReport(diff)
        if let reportJSON { try ReportFile.write(report, to: reportJSON) }
        // A damaged log was compared up to its damage only: the two cannot be called the same
        // run (nor their differences complete). Name the bad one; exit 2, as for any bad input.
        let damaged = [("A", diff.a), ("B", diff.b)].filter { $0.1.damage != nil }
        if !damaged.isEmpty {
            // The differences before the damage are real; a match before it says nothing of after.
            if !quiet { print(diff.identical ? "the records before the damage match (\(min(diff.a.records, diff.b.records)) compared)" : report.text) }
            let lines = damaged.map { "log \($0.0) (\($0.1.path)) is damaged: \($0.1.damage ?? "")" }
            throw CommandFailure.badInput("metronome: error: " + lines.joined(separator: "\nmetronome: error: ")
                                          + "\nthe logs were compared up to the damage only: not a verdict on the runs")
        }
        if !quiet { print(report.text) }
        if !diff.identical { throw ExitCode(1) }
    }
}
