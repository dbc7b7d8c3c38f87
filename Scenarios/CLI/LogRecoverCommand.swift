import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

struct LogRecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Write the longest valid prefix of a torn or damaged log as a clean log, and say what was lost.",
        discussion: "Example:\n  metronome log recover crashed.mlog recovered.mlog")

    @Argument(help: "The damaged log.")
    var input: String

    @Argument(help: "Where to write the recovered log.")
    var output: String

    func run() throws {
        guard input != output else { throw CommandFailure.badInput("metronome: error: write the recovered log to a different path") }
        let report: JournalRecovery.Report
        do {
            report = try JournalRecovery.recover(input: input, output: output)
        } catch {
            throw CommandFailure.badInput("metronome: error: \(input): \(error)")
        }
        if report.wasClean {
            print("\(input) was intact and closed cleanly (every block decoded and checked): copied \(report.blocksKept) blocks, \(report.recordsKept) records")
            return
        }
        print("recovered \(report.blocksKept) blocks, \(report.recordsKept) records (\(report.inputsKept) inputs) up to \(TimeUnits.iso8601(report.lastTime)) into \(output)")
        for problem in report.trailerProblems { print("rewritten trailer: the original disagreed with the blocks: \(problem)") }
        if let damage = report.damage {
            print("lost: block \(damage.blockIndex) at byte \(damage.offset) and everything after it (\(damage.bytesLost) bytes): \(report.loss); \(damage.reason)")
        } else if report.trailerProblems.isEmpty {
            print("lost: the trailer (the log was not closed), no block")
        }
        if report.inputsFromWriteAhead > 0 {
            print("brought back \(report.inputsFromWriteAhead) inputs from the write-ahead folder \(JournalWriteAhead.directory(forLog: input)) after the last complete block: a replay admits them after the loss point (their decisions died with the process)")
        }
        if let problem = report.writeAheadProblem { print("write-ahead folder: \(problem)") }
    }
}
