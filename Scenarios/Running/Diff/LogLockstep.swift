import Actors
import Foundation
import Kernel
import Messages

/// Two logs read side by side for ``LogDiff``, every record counted: each record passes through
/// its log's ``LogDecisions``, and signal records (when both logs hold them) through the
/// ``SignalComparison``.
struct LogLockstep {
    let readerA: JournalReader
    let readerB: JournalReader
    private(set) var streamA: LogRecordStream
    private(set) var streamB: LogRecordStream
    private(set) var decisionsA: LogDecisions
    private(set) var decisionsB: LogDecisions
    private(set) var signals = SignalComparison()
    /// Logs of two formats computed their digests two ways (DigestDefinition): their inputs'
    /// digest bytes and their final digests cannot be compared, only their event counts.
    let definitionsMatch: Bool
    /// Logs whose trace ids name inputs two ways (TraceIdentity) compare their decisions with
    /// both named by input ordinal; their digests hashed the trace ids, so they differ too.
    let tracesComparable: Bool
    /// Signal records are compared when both logs hold them; a log recorded with them is
    /// otherwise the same run as one without (they change no event).
    let signalsCompared: Bool
    var digestsComparable: Bool { definitionsMatch && tracesComparable }

    init(pathA: String, pathB: String) throws {
        readerA = try JournalReader(path: pathA)
        readerB = try JournalReader(path: pathB)
        streamA = LogRecordStream(reader: readerA)
        streamB = LogRecordStream(reader: readerB)
        decisionsA = LogDecisions(traceIdentity: readerA.header.traceIdentity)
        decisionsB = LogDecisions(traceIdentity: readerB.header.traceIdentity)
        definitionsMatch = readerA.header.digestDefinition == readerB.header.digestDefinition
        tracesComparable = readerA.header.traceIdentity == readerB.header.traceIdentity
        signalsCompared = readerA.header.formatVersion >= JournalFormat.firstAnnotationFormatVersion
            && readerB.header.formatVersion >= JournalFormat.firstAnnotationFormatVersion
    }

    /// The next record of log A (or B) that takes part in the lockstep; nil at its end.
    mutating func next(isA: Bool) -> JournalRecord? {
        while let record = isA ? streamA.next() : streamB.next() {
            if isA { decisionsA.add(record) } else { decisionsB.add(record) }
            guard case .annotation = record else { return record }
            guard signalsCompared else { continue }
            if case .annotation(let signal) = comparable(record, isA: isA) {
                if isA { signals.addA(signal) } else { signals.addB(signal) }
            }
            return record
        }
        return nil
    }

    /// The record as it is compared: with trace ids named two ways, a decision's or signal's
    /// trace id is replaced by its input's ordinal in its log.
    func comparable(_ record: JournalRecord, isA: Bool) -> JournalRecord {
        guard !tracesComparable, let trace = record.message.traceID else { return record }
        let decisions = isA ? decisionsA : decisionsB
        switch record {
        case .input: return record
        case .decision(var decision):
            decision.message = decision.message.replacingTraceID(decisions.inputOrdinal(ofTrace: trace))
            return .decision(decision)
        case .annotation(var signal):
            signal.message = signal.message.replacingTraceID(decisions.inputOrdinal(ofTrace: trace))
            return .annotation(signal)
        }
    }

    /// Reads both logs to their ends, still in step, for the totals and the signal comparison.
    mutating func finish() {
        while true {
            let recordA = next(isA: true)
            let recordB = next(isA: false)
            if recordA == nil && recordB == nil { break }
        }
        signals.finish()
    }
}
