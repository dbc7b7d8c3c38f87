import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Inspect, print, verify and recover event logs.",
        discussion: """
            Examples:
              metronome log inspect out/calm.mlog
              metronome log cat out/calm.mlog --from 1h --to 1h5m --type order
              metronome log verify out/calm.mlog
              metronome log recover torn.mlog repaired.mlog
            """,
        subcommands: [LogInspectCommand.self, LogCatCommand.self, LogVerifyCommand.self, LogRecoverCommand.self])

    /// Opens a log with exit code 2 on failure.
    static func open(_ path: String) throws -> JournalReader {
        do {
            return try JournalReader(path: path)
        } catch {
            throw CommandFailure.badInput("metronome: error: \(path): \(error)")
        }
    }

}
