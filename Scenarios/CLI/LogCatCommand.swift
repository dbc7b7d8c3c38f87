import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Kernel
import Messages
import Scenarios

struct LogCatCommand: ParsableCommand {
    /// The `--type` of the inputs the input defense refused (not a message type: derived, not recorded).
    static let quarantineType = "quarantine"

    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print a log's records as NDJSON, one event per line.",
        discussion: """
            Seeks by time through the index (or by scanning when there is none).

            Examples:
              metronome log cat out/calm.mlog | head
              metronome log cat out/calm.mlog --from 2024-03-01T15:00:00Z --to 15m --type fill
              metronome log cat out/calm.mlog --trace 28613      # the 28,613th input and every decision it led to
              metronome log cat out/calm.mlog --type quarantine  # the inputs the input defense refused, and why
              metronome log cat signals.mlog --type signal       # a --record-signals log: signals, with the indicators behind them

            --type quarantine derives the refused inputs from the log: its raw inputs are run through \
            the input defense with the settings of the log's scenario, as in the run.
            """)

    @Argument(help: "The log.")
    var log: String

    @Option(help: "First time: a UTC time or a duration after the start.")
    var from: String?

    @Option(help: "Last time (inclusive): a UTC time or a duration after the start.")
    var to: String?

    @Option(help: "Only this message type: \(MessageTag.typeNames.joined(separator: ", ")); or quarantine: the inputs the input defense refused, with the reason.")
    var type: String?

    @Option(help: "Only the input with this trace id (its ordinal among the log's inputs, from 1; its sequence number in logs of format 1–3) and the decisions that carry it (intent → gate → order → fills → positions).")
    var trace: UInt64?

    func run() throws {
        let reader = try LogCommand.open(log)
        let header = reader.header
        let fromTime = try TimeArgument.parse(from, start: header.startTime, option: "--from")
        let toTime = try TimeArgument.parse(to, start: header.startTime, option: "--to")
        if let fromTime, let toTime, toTime < fromTime {
            throw CommandFailure.badInput("metronome: error: --to \(TimeUnits.iso8601(toTime)) is before --from \(TimeUnits.iso8601(fromTime))")
        }
        if let type, !MessageTag.typeNames.contains(type) && type != LogCatCommand.quarantineType {
            throw CommandFailure.badInput("metronome: error: --type must be one of \(MessageTag.typeNames.joined(separator: ", ")), \(LogCatCommand.quarantineType), not '\(type)'")
        }
        var quarantines: LogQuarantines?
        if type == LogCatCommand.quarantineType {
            do {
                quarantines = try LogQuarantines(header: header, logPath: log)
            } catch {
                throw CommandFailure.badInput("metronome: error: the log's scenario cannot be read to judge its inputs: \(error)")
            }
        }
        // A reader that stops early (`| head`) closes the pipe: stop quietly, not by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var printer = LogCatPrinter(header: header, fromTime: fromTime, toTime: toTime, typeFilter: type, trace: trace,
                                    quarantines: quarantines, output: BufferedOutput())
        let damage: String?
        do {
            damage = try printRecords(reader, &printer)
        } catch let error as JournalError {
            printer.output.flush()
            throw CommandFailure.badInput("metronome: error: \(log): \(error)")
        }
        if let damage {
            throw CommandFailure.badInput("metronome: error: \(log): \(damage); the records above are those before it (`metronome log recover` keeps them as a closed log)")
        }
    }

    /// Prints the selected records from the first block that can hold them; returns why the log
    /// is not the whole run (torn, or never closed), nil when it is or when the reader went away.
    private func printRecords(_ reader: JournalReader, _ printer: inout LogCatPrinter) throws -> String? {
        let start: (offset: UInt64, blockIndex: Int) = try printer.seekTime.map { try reader.seek(to: $0) } ?? (reader.firstBlockOffset, 0)
        var cursor = reader.blocks(from: start.offset, firstBlockIndex: start.blockIndex)
        blocks: while let block = try cursor.next() {
            var records = block.records
            while let record = records.next() {
                guard printer.print(record) else { break blocks }
            }
            if let error = records.error {
                throw JournalError.corruptBlock(block: Int(block.descriptor.blockIndex), offset: block.offset, message: error.description)
            }
        }
        printer.output.flush()
        if printer.output.isClosed { return nil }
        // A torn log printed up to its damage, or a log never closed, is not the whole run.
        if let found = cursor.damage { return found.description }
        if !printer.reachedEnd, let problem = reader.trailerStatus().problem { return problem }
        return nil
    }
}
