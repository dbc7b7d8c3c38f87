import Foundation
import Kernel
import Messages
import Scenarios

/// What `metronome log cat` prints of a log, record by record: a time window, one message type
/// (or the quarantined inputs), one trace; a signal with the indicator values journaled just
/// before it.
struct LogCatPrinter {
    let header: JournalHeader
    let fromTime: Timestamp?
    /// Inclusive; the first input after it ends the printing.
    let toTime: Timestamp?
    let typeFilter: String?
    let trace: UInt64?
    /// Set for `--type quarantine`: only the inputs the input defense refused are printed.
    private(set) var quarantines: LogQuarantines?
    let output: BufferedOutput
    /// An input's ordinal is counted from the first block: a trace by ordinal reads them all;
    /// so do quarantines, whose verdicts depend on what came before.
    let tracesByOrdinal: Bool
    /// Where reading may start: `--from`, unless every input must be counted.
    let seekTime: Timestamp?
    private var inputOrdinal: UInt64 = 0
    /// Whether an input after `--to` was met (the log was read as far as asked).
    private(set) var reachedEnd = false
    private var behindSignal = IndicatorsBehindSignal()

    init(header: JournalHeader, fromTime: Timestamp?, toTime: Timestamp?, typeFilter: String?, trace: UInt64?,
         quarantines: LogQuarantines?, output: BufferedOutput) {
        self.header = header
        self.fromTime = fromTime
        self.toTime = toTime
        self.typeFilter = typeFilter
        self.trace = trace
        self.quarantines = quarantines
        self.output = output
        tracesByOrdinal = trace != nil && header.traceIdentity == .inputOrdinal
        seekTime = tracesByOrdinal || quarantines != nil ? nil : fromTime
    }

    /// Prints the record if it is selected; false when reading should stop (past `--to`, or the
    /// reader closed the output).
    mutating func print(_ record: JournalRecord) -> Bool {
        if case .input = record { inputOrdinal &+= 1 }
        if quarantines != nil { return printQuarantine(record) }
        if let fromTime, record.time < fromTime { return true }
        if let toTime, record.time > toTime {
            guard case .input = record else { return true }
            reachedEnd = true
            return false
        }
        if let trace {
            switch record {
            case .input(let input): guard inputTrace(input) == trace else { return true }
            case .decision(let decision), .annotation(let decision): guard decision.message.traceID == trace else { return true }
            }
        }
        let indicators = behindSignal.take(record)
        if let typeFilter, record.message.tag.description != typeFilter { return true }
        output.line(JournalRecordText.line(for: record, header: header, inputTrace: knownTrace(of: record), indicators: indicators))
        return !output.isClosed
    }

    private mutating func printQuarantine(_ record: JournalRecord) -> Bool {
        guard case .input(let input) = record else { return true }
        if let toTime, input.time > toTime {
            reachedEnd = true
            return false
        }
        guard let reason = quarantines!.reason(for: input) else { return true }
        if let fromTime, input.time < fromTime { return true }
        if let trace, inputTrace(input) != trace { return true }
        output.line(quarantines!.line(for: input, reason: reason, header: header))
        return !output.isClosed
    }

    /// The input's trace id as `--trace` names it: its ordinal, or its sequence number in old logs.
    private func inputTrace(_ input: RecordedInput) -> UInt64 {
        tracesByOrdinal ? inputOrdinal : input.sequence
    }

    /// An input's trace id, when it is known: its sequence number in old logs, its ordinal when
    /// every input was counted.
    private func knownTrace(of record: JournalRecord) -> UInt64? {
        guard case .input(let input) = record else { return nil }
        if header.traceIdentity == .inputSequence { return input.sequence }
        return seekTime == nil ? inputOrdinal : nil
    }
}
