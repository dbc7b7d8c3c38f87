import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Kernel
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

struct LogInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a log's header, blocks, sizes, time range, digests and whether it was closed cleanly.",
        discussion: "Example:\n  metronome log inspect out/calm.mlog")

    @Argument(help: "The log.")
    var log: String

    @Flag(help: "List every block.")
    var blocks = false

    func run() throws {
        let reader = try LogCommand.open(log)
        let header = reader.header
        let report = JournalVerification.verify(reader)
        let ratio = reader.fileSize > 0 ? Double(report.uncompressedBytes) / Double(reader.fileSize) : 0
        var rows: [(String, String)] = [
            ("file", "\(log) (\(SummaryTable.grouped(reader.fileSize)) bytes)"),
            ("format", "v\(header.formatVersion), schema v\(header.schemaVersion)"),
            ("written by", header.buildIdentity),
            ("scenario", "\(header.scenarioName) (digest \(RunDigest.hex(header.scenarioDigest)))"),
            ("mode / seed", "\(header.mode.rawValue) / \(header.seed)"),
            ("start", TimeUnits.iso8601(header.startTime)),
            ("codec", "\(header.codec) level \(header.level), blocks of \(SummaryTable.grouped(UInt64(header.blockBytes))) bytes"),
            ("blocks", "\(report.blocks)"),
            ("records", "\(SummaryTable.grouped(report.records)) (\(SummaryTable.grouped(report.inputs)) inputs, \(SummaryTable.grouped(report.decisions)) decisions"
                + (header.formatVersion >= JournalFormat.firstSignalFormatVersion ? ", \(SummaryTable.grouped(report.signals)) signal records)" : ")")),
            ("raw bytes", SummaryTable.grouped(report.uncompressedBytes)),
            ("file bytes", SummaryTable.grouped(reader.fileSize)),
            ("ratio", String(format: "%.2f", ratio)),
            ("bytes/input", report.inputs > 0 ? String(format: "%.2f", Double(reader.fileSize) / Double(report.inputs)) : "-"),
            ("time range", report.records > 0 ? "\(TimeUnits.iso8601(report.firstTime)) → \(TimeUnits.iso8601(report.lastTime))" : "empty"),
        ]
        if let trailer = report.trailer {
            rows += [
                ("events", SummaryTable.grouped(trailer.deliveries)),
                ("stopped by", trailer.stopReason),
                ("digest", RunDigest.hex(trailer.eventDigest)),
                ("decision_digest", RunDigest.hex(trailer.decisionDigest)),
                ("input digest", RunDigest.hex(trailer.inputDigest)),
                ("closed cleanly", trailer.stopReason == JournalRecovery.recoveredStopReason ? "recovered" : "yes"),
            ]
        } else {
            rows.append(("closed cleanly", "no (no trailer)"))
        }
        if let damage = report.damage { rows.append(("damage", damage.description)) }
        for problem in report.problems where report.damage == nil && report.trailer != nil { rows.append(("problem", problem)) }
        let width = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows { print(label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value) }
        if blocks {
            var cursor = reader.blocks()
            while let block = try? cursor.next() {
                let d = block.descriptor
                print(String(format: "  block %4d  @%-10llu  %6u records  %9u → %8u bytes  %@ → %@", d.blockIndex, block.offset, d.recordCount,
                             d.uncompressedBytes, d.compressedBytes, TimeUnits.iso8601(d.firstTime), TimeUnits.iso8601(d.lastTime)))
            }
        }
    }
}

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
        var typeFilter: String?
        if let type {
            guard MessageTag.typeNames.contains(type) || type == LogCatCommand.quarantineType else {
                throw CommandFailure.badInput("metronome: error: --type must be one of \(MessageTag.typeNames.joined(separator: ", ")), \(LogCatCommand.quarantineType), not '\(type)'")
            }
            typeFilter = type
        }
        var quarantines: LogQuarantines?
        if typeFilter == LogCatCommand.quarantineType {
            do {
                quarantines = try LogQuarantines(header: header, logPath: log)
            } catch {
                throw CommandFailure.badInput("metronome: error: the log's scenario cannot be read to judge its inputs: \(error)")
            }
        }
        // A reader that stops early (`| head`) closes the pipe: stop quietly, not by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let output = BufferedOutput()
        let damage: String?
        do {
            // An input's ordinal is counted from the first block: a trace by ordinal reads them all;
            // so do quarantines, whose verdicts depend on what came before.
            let tracesByOrdinal = trace != nil && header.traceIdentity == .inputOrdinal
            let seekTime = tracesByOrdinal || quarantines != nil ? nil : fromTime
            let start: (offset: UInt64, blockIndex: Int) = try seekTime.map { try reader.seek(to: $0) } ?? (reader.firstBlockOffset, 0)
            var inputOrdinal: UInt64 = 0
            // An input's trace id, when it is known: its sequence number in old logs, its ordinal
            // when every input was counted.
            func inputTrace(of record: JournalRecord) -> UInt64? {
                guard case .input(let input) = record else { return nil }
                if header.traceIdentity == .inputSequence { return input.sequence }
                return seekTime == nil ? inputOrdinal : nil
            }
            var cursor = reader.blocks(from: start.offset, firstBlockIndex: start.blockIndex)
            var reachedEnd = false
            // A signal is printed with the indicator values journaled just before it.
            var behindSignal = IndicatorsBehindSignal()
            blocks: while let block = try cursor.next() {
                var records = block.records
                while let record = records.next() {
                    if case .input = record { inputOrdinal &+= 1 }
                    if quarantines != nil {
                        guard case .input(let input) = record else { continue }
                        if let toTime, input.time > toTime {
                            reachedEnd = true
                            break blocks
                        }
                        guard let reason = quarantines!.reason(for: input) else { continue }
                        if let fromTime, input.time < fromTime { continue }
                        if let trace, (tracesByOrdinal ? inputOrdinal : input.sequence) != trace { continue }
                        output.line(quarantines!.line(for: input, reason: reason, header: header))
                        if output.isClosed { return }
                        continue
                    }
                    if let fromTime, record.time < fromTime { continue }
                    if let toTime, record.time > toTime {
                        if case .input = record {
                            reachedEnd = true
                            break blocks
                        }
                        continue
                    }
                    if let trace {
                        switch record {
                        case .input(let input): guard (tracesByOrdinal ? inputOrdinal : input.sequence) == trace else { continue }
                        case .decision(let decision), .signal(let decision): guard decision.message.traceID == trace else { continue }
                        }
                    }
                    let indicators = behindSignal.take(record)
                    if let typeFilter, record.message.tag.description != typeFilter { continue }
                    output.line(JournalRecordText.line(for: record, header: header, inputTrace: inputTrace(of: record), indicators: indicators))
                    if output.isClosed { return }
                }
                if let error = records.error {
                    throw JournalError.corruptBlock(block: Int(block.descriptor.blockIndex), offset: block.offset, message: error.description)
                }
            }
            output.flush()
            if output.isClosed { return }
            // A torn log printed up to its damage, or a log never closed, is not the whole run.
            if let found = cursor.damage {
                damage = found.description
            } else if !reachedEnd, let problem = reader.trailerStatus().problem {
                damage = problem
            } else {
                damage = nil
            }
        } catch let error as JournalError {
            output.flush()
            throw CommandFailure.badInput("metronome: error: \(log): \(error)")
        }
        if let damage {
            throw CommandFailure.badInput("metronome: error: \(log): \(damage); the records above are those before it (`metronome log recover` keeps them as a closed log)")
        }
    }
}

/// Standard output in 64 KiB chunks: NDJSON of millions of records without a write per line.
/// When the reader closes the pipe (`| head`), it says so (``isClosed``) instead of failing.
final class BufferedOutput {
    private var buffer: [UInt8] = []
    private(set) var isClosed = false

    init() { buffer.reserveCapacity(1 << 16) }

    func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        var written = 0
        while written < buffer.count && !isClosed {
            let result = buffer.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + written, $0.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                // EPIPE (the reader is gone) or any other failure: nothing more can be shown.
                isClosed = true
                return
            }
            written += result
        }
    }
}

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
