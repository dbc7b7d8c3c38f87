import Actors
import Foundation
import Kernel
import Messages
import ScenarioDefinition

/// `metronome diff A B`: do two logs describe the same run? If not, where do they first part,
/// and what did that change in the decisions — orders, fills, gate decisions, PnL.
public struct LogDiff: Sendable {
    /// An order present in both logs whose quantity, price, side, venue or type changed.
    public typealias OrderChange = DecisionPairing<Order>.Change

    public struct Side: Sendable {
        public var path: String
        public var records: UInt64
        public var inputs: UInt64
        public var decisions: UInt64
        public var orders: Int
        public var fills: UInt64
        public var filledQuantity: Int64
        public var feesMinorUnits: Int64
        public var gateDecisions: Int
        /// Signal records (a format-5 log; 0 otherwise): signals, forecasts, and all of them.
        public var signals: UInt64
        public var forecasts: UInt64
        public var signalRecords: UInt64
        public var pnlMinorUnits: Int64
        public var digest: String?
        public var decisionDigest: String?
        /// The log's tail was damaged: it was compared up to there.
        public var damage: String?
    }

    public var a: Side
    public var b: Side
    public var divergence: LogDivergence?
    /// Orders, gate decisions and fills paired across the two logs by ``DecisionKey``.
    public var orders: DecisionPairing<Order>
    public var gateDecisions: DecisionPairing<GateDecision>
    public var fills: DecisionPairing<Fill>
    /// The first signal records that differ, when both logs hold them (format 5); nil when they
    /// match, or when either log has none. Its record index counts signal records only.
    public var signalDivergence: LogDivergence?
    /// Whether both logs hold signal records, so that they were compared.
    public var signalsCompared: Bool
    public var ordersAdded: [Order] { orders.added }
    public var ordersRemoved: [Order] { orders.removed }
    public var ordersChanged: [OrderChange] { orders.changed }
    /// Gate decisions present in both with another outcome or approved quantity (those in only
    /// one log are added or removed, not changed).
    public var gateDecisionsChanged: Int { gateDecisions.changed.count }
    public var currency: String
    /// Notes that do not make the logs different by themselves (another seed or scenario text).
    public var notes: [String]
    /// Symbol names by id (from A's scenario), for reports.
    public var symbols: [String]

    public var identical: Bool { divergence == nil }
    public var pnlDeltaMinorUnits: Int64 { b.pnlMinorUnits - a.pnlMinorUnits }

    public static func compare(_ pathA: String, _ pathB: String) throws -> LogDiff {
        var logs = try LogLockstep(pathA: pathA, pathB: pathB)
        let (firstDifference, index) = firstDifference(&logs)
        logs.finish()
        let trailerA = logs.readerA.readTrailer()
        let trailerB = logs.readerB.readTrailer()
        let divergence = firstDifference
            ?? trailerDivergence(trailerA, trailerB, index: index, pathA: pathA, pathB: pathB, comparingDigests: logs.digestsComparable)
        let scenarioA = try? ScenarioLoader.parse(logs.readerA.header.scenarioText, file: "\(pathA) (embedded scenario)")
        let scenarioB = try? ScenarioLoader.parse(logs.readerB.header.scenarioText, file: "\(pathB) (embedded scenario)")
        let paired = DecisionComparison(a: logs.decisionsA, b: logs.decisionsB)
        let headerA = logs.readerA.header
        let headerB = logs.readerB.header
        return LogDiff(a: side(pathA, logs.streamA, logs.decisionsA, scenarioA, trailerA), b: side(pathB, logs.streamB, logs.decisionsB, scenarioB, trailerB),
                       divergence: divergence, orders: paired.orders, gateDecisions: paired.gateDecisions, fills: paired.fills,
                       signalDivergence: logs.signals.firstDifference.map { describe(signals: $0, headerA, headerB) },
                       signalsCompared: logs.signalsCompared, currency: scenarioA?.account.currency ?? "", notes: notes(logs),
                       symbols: scenarioA?.universe.map(\.symbol) ?? [])
    }

    /// Lockstep to the first difference (nil when every record matches), and how many record
    /// pairs were read.
    private static func firstDifference(_ logs: inout LogLockstep) -> (LogDivergence?, UInt64) {
        var index: UInt64 = 0
        while true {
            let recordA = logs.next(isA: true)
            let recordB = logs.next(isA: false)
            if recordA == nil && recordB == nil { return (nil, index) }
            if !same(recordA.map { logs.comparable($0, isA: true) }, recordB.map { logs.comparable($0, isA: false) },
                     comparingDigests: logs.digestsComparable) {
                let divergence = describe(index: index, recordA, recordB, logs.readerA.header, logs.readerB.header,
                                          comparingDigests: logs.digestsComparable)
                return (divergence, index + 1)
            }
            index += 1
        }
    }

    /// With every record matching, the trailers may still tell the runs apart: the events after
    /// the last input, or one log not closed cleanly.
    private static func trailerDivergence(_ trailerA: JournalTrailer?, _ trailerB: JournalTrailer?, index: UInt64, pathA: String, pathB: String,
                                          comparingDigests: Bool) -> LogDivergence? {
        if let trailerA, let trailerB,
           (comparingDigests && trailerA.eventDigest != trailerB.eventDigest) || trailerA.deliveries != trailerB.deliveries {
            // Digests of two definitions differ whatever the events: quote them only when comparable.
            let digests = comparingDigests ? ", digest \(RunDigest.hex(trailerA.eventDigest)) vs \(RunDigest.hex(trailerB.eventDigest))" : ""
            return LogDivergence(recordIndex: index, time: min(trailerA.endTime, trailerB.endTime), actor: "kernel", a: nil, b: nil,
                                 detail: "every record matches, but the events after the last input differ: \(trailerA.deliveries) vs \(trailerB.deliveries) deliveries\(digests)")
        }
        guard (trailerA == nil) != (trailerB == nil) else { return nil }
        return LogDivergence(recordIndex: index, time: 0, actor: "kernel", a: nil, b: nil,
                             detail: trailerA == nil
                                 ? "every record matches, but log A (\(pathA)) was not closed cleanly: it has no trailer (`metronome log recover` it first)"
                                 : "every record matches, but log B (\(pathB)) was not closed cleanly: it has no trailer (`metronome log recover` it first)")
    }

    private static func side(_ path: String, _ stream: LogRecordStream, _ decisions: LogDecisions, _ scenario: Scenario?,
                             _ trailer: JournalTrailer?) -> Side {
        let initialCash = scenario?.account.initialCashMinorUnits ?? 0
        let equity = decisions.equityMinorUnits(initialCash: initialCash, instruments: scenario?.universe ?? [])
        return Side(path: path, records: stream.index, inputs: decisions.inputs, decisions: decisions.decisions, orders: decisions.orders.count,
                    fills: decisions.fills, filledQuantity: decisions.filledQuantity, feesMinorUnits: decisions.feesMinorUnits,
                    gateDecisions: decisions.gateDecisions.count, signals: decisions.signals, forecasts: decisions.forecasts,
                    signalRecords: decisions.signalRecords, pnlMinorUnits: equity - initialCash,
                    digest: trailer.map { RunDigest.hex($0.eventDigest) }, decisionDigest: trailer.map { RunDigest.hex($0.decisionDigest) },
                    damage: stream.damage)
    }

    /// What does not make the logs different by itself but qualifies the comparison.
    private static func notes(_ logs: LogLockstep) -> [String] {
        let headerA = logs.readerA.header
        let headerB = logs.readerB.header
        var notes: [String] = []
        if headerA.seed != headerB.seed { notes.append("the seeds differ: \(headerA.seed) vs \(headerB.seed)") }
        if headerA.scenarioText != headerB.scenarioText { notes.append("the embedded scenarios differ") }
        if !logs.definitionsMatch {
            notes.append("the logs are of formats v\(headerA.formatVersion) and v\(headerB.formatVersion), whose digests are computed differently: the events between inputs were compared by count, not by digest")
        }
        if !logs.signalsCompared && (headerA.formatVersion >= JournalFormat.firstAnnotationFormatVersion
                                     || headerB.formatVersion >= JournalFormat.firstAnnotationFormatVersion) {
            notes.append("only one log holds signal records (format v5, --record-signals): signals were not compared")
        }
        if logs.signals.gaveUp { notes.append("the logs' signals part too far apart to pair: no first differing signal record reported") }
        if !logs.tracesComparable {
            notes.append("the logs are of formats v\(headerA.formatVersion) and v\(headerB.formatVersion), whose trace ids name inputs differently: decisions were compared with both named by input ordinal, the events between inputs by count")
        }
        return notes
    }

    /// Whether two records (either may be missing) are the same; with `comparingDigests` false,
    /// inputs that differ only in their digest byte count as the same.
    private static func same(_ a: JournalRecord?, _ b: JournalRecord?, comparingDigests: Bool) -> Bool {
        if comparingDigests { return a == b }
        guard case .input(var inputA)? = a, case .input(var inputB)? = b else { return a == b }
        inputA.digestFragment = 0
        inputB.digestFragment = 0
        return inputA == inputB
    }

    private static func describe(signals difference: SignalComparison.Difference, _ headerA: JournalHeader,
                                 _ headerB: JournalHeader) -> LogDivergence {
        let reference = difference.a ?? difference.b!
        let detail: String
        switch (difference.a, difference.b) {
        case (nil, _): detail = "A has no more signal records; B goes on"
        case (_, nil): detail = "B has no more signal records; A goes on"
        case (let a?, let b?):
            detail = a.message.tag == b.message.tag ? "the \(a.message.tag) records differ" : "a \(a.message.tag) in A, a \(b.message.tag) in B"
        }
        return LogDivergence(recordIndex: difference.index, time: min(difference.a?.time ?? .max, difference.b?.time ?? .max),
                             actor: JournalRecordText.sourceName(reference.source, difference.a == nil ? headerB : headerA),
                             a: difference.a.map { JournalRecordText.line(for: .annotation($0), header: headerA) },
                             b: difference.b.map { JournalRecordText.line(for: .annotation($0), header: headerB) }, detail: detail)
    }

    private static func describe(index: UInt64, _ a: JournalRecord?, _ b: JournalRecord?, _ headerA: JournalHeader, _ headerB: JournalHeader,
                                 comparingDigests: Bool) -> LogDivergence {
        let textA = a.map { JournalRecordText.line(for: $0, header: headerA) }
        let textB = b.map { JournalRecordText.line(for: $0, header: headerB) }
        let time = min(a?.time ?? .max, b?.time ?? .max)
        let reference = a ?? b!
        let actor: String
        switch reference {
        case .input(let input): actor = "input \(JournalRecordText.topicName(input.topic, a == nil ? headerB : headerA))"
        case .decision(let decision), .annotation(let decision): actor = JournalRecordText.sourceName(decision.source, a == nil ? headerB : headerA)
        }
        let detail: String
        switch (a, b) {
        case (nil, _): detail = "A ends here; B goes on"
        case (_, nil): detail = "B ends here; A goes on"
        case (.input(let inputA), .input(let inputB)):
            if inputA.message == inputB.message && inputA.time == inputB.time && inputA.topic == inputB.topic {
                detail = inputA.deliveriesBefore != inputB.deliveriesBefore || (comparingDigests && inputA.digestFragment != inputB.digestFragment)
                    ? "the same input, but the events before it differ (\(inputA.deliveriesBefore) vs \(inputB.deliveriesBefore) deliveries): the divergence lies between the previous input and this one"
                    : "the same input with another sequence number"
            } else {
                detail = "the inputs differ"
            }
        case (.decision, .decision): detail = "the decisions differ"
        case (.annotation, .annotation): detail = "the signal records differ"
        case (.annotation, _), (_, .annotation): detail = "one log has a signal record where the other has another record"
        default: detail = "one log has an input where the other has a decision"
        }
        return LogDivergence(recordIndex: index, time: time == .max ? 0 : time, actor: actor, a: textA, b: textB, detail: detail)
    }
}
