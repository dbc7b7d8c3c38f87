import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioPipeline

/// Rebuilds a run from a log alone: the embedded scenario, the recorded inputs on the virtual
/// clock, no generators. With verification on, compares it with the recording as it goes.
public final class ReplayRun {
    public let reader: JournalReader
    public let scenario: Scenario
    public let trailer: JournalTrailer?
    /// A recovered log's inputs before its loss point and the inputs brought back after it
    /// from the write-ahead folder.
    private let lossPoint: (inputsBefore: UInt64, recoveredInputs: UInt64, lastRecordTime: Timestamp)?
    public let run: ScenarioRun
    private let verifier: ReplayVerifier
    private let source: RecordedInputSource
    private let stopsEarly: Bool
    /// The log was rebuilt by `log recover`: its last checkpoint is the loss point.
    public let isRecovered: Bool

    /// The result of a replay.
    public struct Outcome: Sendable {
        public var run: RunOutcome
        /// The first difference from the recording, if any.
        public var divergence: Divergence?
        /// True when both recorded digests were compared and equal.
        public var verified: Bool
        /// Why the final digests could not be compared, when they were not.
        public var limitation: String?
        /// Something to know that does not fail verification (a recovered log's loss point).
        public var note: String?
        public var inputsChecked: UInt64
        public var decisionsChecked: UInt64
        /// Signal records compared (a format-5 log; 0 otherwise).
        public var signalsChecked: UInt64
        public var checkpointsChecked: Int
        public var recordedDigest: String?
        public var recordedDecisionDigest: String?
        public var damage: JournalDamage?
    }

    /// - Parameters:
    ///   - until: stop early (then only the checkpoints before it are compared).
    ///   - recording: record the replay itself to another log.
    public init(logPath: String, until: Timestamp? = nil, recording: ScenarioRun.Recording? = nil) throws {
        let reader = try JournalReader(path: logPath)
        self.reader = reader
        let header = reader.header
        if let mismatch = BuildIdentity.componentMismatch(recordedBy: header.buildIdentity, log: logPath) {
            throw ReplayComponentMismatch(message: mismatch)
        }
        do {
            scenario = try ScenarioLoader.parse(header.scenarioText, file: "\(logPath) (embedded scenario)", requireDataFiles: false)
        }
        // Without a trailer nothing says where the run ended (a live day has no end time of its
        // own: its timers would run for ever) nor what it should have reached.
        let (trailer, trailerProblem) = reader.trailerStatus()
        guard let trailer else {
            throw JournalError.notClosed(path: logPath, reason: trailerProblem ?? "no valid trailer")
        }
        self.trailer = trailer
        stopsEarly = until != nil
        isRecovered = trailer.stopReason == JournalRecovery.recoveredStopReason
        var end = until.map { min($0, header.endTime == 0 ? .max : header.endTime) } ?? (header.endTime == 0 ? nil : header.endTime)
        // A recovered log covers its inputs up to the loss point only; nothing after it can be
        // checked. The trailer's end time is bounded by the last record the blocks hold, so a
        // forged one cannot send the timers of a live day on for centuries.
        lossPoint = isRecovered ? try ReplayRun.lossPoint(reader, trailer: trailer) : nil
        if let lossPoint { end = min(end ?? .max, trailer.endTime, lossPoint.lastRecordTime) }
        // A run cut by an event budget or a stop request ends after a number of deliveries, not at
        // a time: the replay stops at the same count. Any other run ends on its own, and a replay
        // that delivers more or fewer events fails the final comparison — so it never needs more
        // than one delivery past the recorded count to know (a crafted end time cannot make it spin).
        let cutByCount = [StopReason.eventBudget, .stopRequested, .inputClosed, .inputFailed].map(\.rawValue).contains(trailer.stopReason)
        let budget = stopsEarly || isRecovered ? nil : cutByCount ? trailer.deliveries : trailer.deliveries &+ 1
        // A live day ran on its own dates, not the scenario's: replay it on the same ones.
        let window = header.mode == .live ? ScenarioRun.ClockWindow(start: header.startTime, end: header.endTime == 0 ? nil : header.endTime) : nil
        var options = ScenarioRun.Options(seed: header.seed, until: end, maximumEvents: budget, mode: .replay, recording: recording,
                                          window: window)
        // A log of an earlier format is checked against digests computed its way.
        options.digestDefinition = header.digestDefinition
        options.traceIdentity = header.traceIdentity
        // A log that holds signal records is checked against them too.
        options.journalsAnnotations = header.formatVersion >= JournalFormat.firstAnnotationFormatVersion
        let expectations = ReplayExpectations()
        var pendingSource: RecordedInputSource?
        // A policy stage takes its actions from the log, whoever decided them (a Gymnasium caller,
        // a Python callable, the scenario's random policy): the replay needs none of them.
        let recordedPolicy = scenario.execution?.policy != nil ? RecordedPolicyDecider(reader: reader) : nil
        if let recordedPolicy, let parameters = scenario.execution?.policy, let registered = scenario.execution?.registeredPolicy {
            recordedPolicy.receivedMessageTypes = ScenarioComponents.scenarioDecider(parameters, registered: registered, seed: header.seed)
                .receivedMessageTypes
        }
        run = try ScenarioRun(scenario: scenario, options: options, policyDecider: recordedPolicy, inputs: .deferred { kernel in
            let made = RecordedInputSource(reader: reader, kernel: kernel, expectations: expectations)
            pendingSource = made
            return made
        })
        source = pendingSource!
        verifier = ReplayVerifier(expectations: expectations)
        verifier.stopsAtFirstDivergence = true
        verifier.stopsAtLossPoint = isRecovered
        if let lossPoint {
            verifier.lossPointInputs = lossPoint.inputsBefore
            verifier.continuesPastLossPoint = lossPoint.recoveredInputs > 0
        }
        run.kernel.addObserver(verifier)
        run.kernel.deliveryObserver = verifier
    }

    /// Walks a recovered log's descriptors (no data read): the inputs before the loss point, and
    /// those recovered after it.
    private static func lossPoint(_ reader: JournalReader, trailer: JournalTrailer) throws(JournalError)
        -> (inputsBefore: UInt64, recoveredInputs: UInt64, lastRecordTime: Timestamp) {
        var before: UInt64 = 0
        var recovered: UInt64 = 0
        var lastRecordTime: Timestamp = 0
        for entry in trailer.index {
            let descriptor = try reader.descriptor(at: entry.offset)
            if descriptor.holdsRecoveredInputs { recovered += UInt64(descriptor.inputCount) } else { before += UInt64(descriptor.inputCount) }
            lastRecordTime = max(lastRecordTime, descriptor.lastTime)
        }
        return (before, recovered, lastRecordTime)
    }

    public func replay() throws -> Outcome {
        let outcome = try run.run()
        let expectations = source.expectations
        let clean = trailer != nil && expectations.damage == nil
        verifier.finish(kernel: run.kernel, summary: outcome.summary, trailer: clean && !stopsEarly && !isRecovered ? trailer : nil)
        var limitation: String?
        var note: String?
        if isRecovered, let lossPoint, lossPoint.recoveredInputs > 0 {
            note = "recovered log: verified up to the loss point (\(lossPoint.inputsBefore) inputs), then the \(lossPoint.recoveredInputs) inputs recovered from the write-ahead folder replayed and checked input by input up to \(TimeUnits.iso8601(trailer?.endTime ?? 0)) (\(verifier.decisionsPastLossPoint) decisions after the loss point could not be compared: they died with the process)"
        } else if isRecovered {
            note = "recovered log: verified up to the loss point (\(verifier.inputsChecked) inputs, last checkpoint at \(TimeUnits.iso8601(trailer?.endTime ?? 0))); events after it are new"
        } else if stopsEarly {
            limitation = "--until stopped the replay early: only the checkpoints before it were compared"
        } else if let damage = expectations.damage {
            limitation = "the log's tail is damaged (\(damage)); verified up to block \(damage.blockIndex)"
        } else if trailer == nil {
            limitation = "the log was not closed cleanly (no trailer): only its checkpoints were compared"
        }
        let verified = verifier.divergence == nil && limitation == nil
        return Outcome(run: outcome, divergence: verifier.divergence, verified: verified, limitation: limitation, note: note,
                       inputsChecked: verifier.inputsChecked, decisionsChecked: verifier.decisionsChecked,
                       signalsChecked: verifier.signalsChecked,
                       checkpointsChecked: verifier.checkpointsChecked,
                       recordedDigest: trailer.map { RunDigest.hex($0.eventDigest) },
                       recordedDecisionDigest: trailer.map { RunDigest.hex($0.decisionDigest) }, damage: expectations.damage)
    }
}
