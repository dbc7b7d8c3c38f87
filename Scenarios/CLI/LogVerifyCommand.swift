import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

struct LogVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every checksum and digest of a log (exit 0 iff all hold).",
        discussion: """
            Checks the frames, block checksums, records, index and counts, recomputes the input and \
            decision digests, and replays the log to check the event digest (skip that with --no-replay).

            Example:
              metronome log verify out/calm.mlog
            """)

    @Argument(help: "The log.")
    var log: String

    @Flag(name: .customLong("no-replay"), help: "Skip the replay that checks the event digest.")
    var noReplay = false

    func run() throws {
        let reader = try LogCommand.open(log)
        let report = JournalVerification.verify(reader)
        for problem in report.problems { print("problem: \(problem)") }
        guard report.isIntact else {
            print("\(log): NOT intact (\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"))")
            if report.trailer == nil || report.damage != nil {
                print("hint: `metronome log recover \(log) RECOVERED.mlog` keeps its sound blocks as a closed log, which replays up to the loss point")
            }
            throw ExitCode(1)
        }
        print("\(log): \(report.blocks) blocks, \(report.records) records: checksums, index, counts, input digest and decision_digest hold")
        guard !noReplay else { return }
        do {
            let outcome = try ReplayRun(logPath: log).replay()
            if let divergence = outcome.divergence {
                print(divergence.description)
                throw ExitCode(1)
            }
            if !outcome.verified {
                print("digest not verified: \(outcome.limitation ?? "unknown reason")")
                throw ExitCode(1)
            }
            if let note = outcome.note {
                print("replay: \(note)")
            } else {
                print("digest \(outcome.run.summary.digestHex) reproduced by replay")
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            print("replay failed: \(error)")
            throw ExitCode(1)
        }
    }
}
