import Kernel
import Messages

/// Compares a replay with its recording as it runs, and keeps the first divergence:
/// - every recorded decision must be emitted, identically and in order, before the next input;
/// - so must every recorded signal record (a format-5 log; the replay journals signals then);
/// - at every input's admission the deliveries so far and the event digest's checkpoint byte
///   must match the recorded ones (a mismatch names the first event after the previous input);
/// - at every block checkpoint the full 64-bit digests must match.
final class ReplayVerifier: InputObserver, DeliveryObserver {
    let expectations: ReplayExpectations
    private(set) var divergence: Divergence? {
        get { divergenceStorage }
        set {
            guard !hasDiverged, let newValue else { return }
            divergenceStorage = newValue
            hasDiverged = true
            if stopsAtFirstDivergence { observedKernel?.requestStop() }
        }
    }
    private(set) var inputsChecked: UInt64 = 0
    private(set) var decisionsChecked: UInt64 = 0
    private(set) var signalsChecked: UInt64 = 0
    private(set) var checkpointsChecked = 0
    private var previous: AdmittedInput?
    /// Stop the kernel at the first divergence (nothing after it can be trusted, and the
    /// expectations would pile up unread).
    var stopsAtFirstDivergence = false
    /// The log was cut by a loss (a recovered log): once every recorded record has been matched,
    /// the next decision is past the loss point — the replay stops there instead of diverging.
    var stopsAtLossPoint = false
    /// Set when the replay reached the loss point of a recovered log and stopped.
    private(set) var reachedLossPoint = false
    /// A recovered log's inputs before its loss point: a decision emitted once they are all
    /// admitted and every recorded decision matched is past the loss point.
    var lossPointInputs: UInt64 = .max
    /// The recovered log holds inputs after its loss point (from the write-ahead folder): the
    /// replay goes on through them, checking each input, instead of stopping at the loss point.
    var continuesPastLossPoint = false
    /// Decisions emitted past the loss point, which the log cannot hold.
    private(set) var decisionsPastLossPoint: UInt64 = 0
    private weak var observedKernel: Kernel?
    private var divergenceStorage: Divergence?
    /// `divergenceStorage != nil`, as a plain flag: the per-delivery hook tests it, and testing
    /// the optional struct (strings inside) copied it on every delivery.
    @exclusivity(unchecked) private var hasDiverged = false
    /// The replay's events since the last admitted input (at most ``windowLimit``), to show what
    /// happened in a window whose checkpoint failed. Touched on every delivery, on the kernel
    /// thread only: unchecked exclusivity (the dynamic checks cost a tenth of a replay).
    @exclusivity(unchecked) private var window: [(index: UInt64, event: ScheduledEvent)] = []
    @exclusivity(unchecked) private var windowOverflow = 0
    static let windowLimit = 32

    func kernel(_ kernel: Kernel, delivering event: ScheduledEvent, index: UInt64) {
        guard !hasDiverged else { return }
        if window.count < ReplayVerifier.windowLimit { window.append((index, event)) } else { windowOverflow += 1 }
    }

    init(expectations: ReplayExpectations) { self.expectations = expectations }

    func kernel(_ kernel: Kernel, admitted input: AdmittedInput) {
        observedKernel = kernel
        guard !hasDiverged else { return }
        if let missing = missingEmission(kernel, before: input) {
            divergence = missing
            return
        }
        guard let recorded = expectations.inputs.popFirst() else { return }
        let fragment = UInt8(truncatingIfNeeded: input.eventDigestBefore)
        if let found = admissionDivergence(kernel, input, recorded: recorded, fragment: fragment)
            ?? checkpointDivergence(kernel, input, recorded: recorded, fragment: fragment) {
            divergence = found
            return
        }
        inputsChecked += 1
        previous = input
        window.removeAll(keepingCapacity: true)
        windowOverflow = 0
    }

    /// A recorded decision or signal the replay should have emitted before this input.
    private func missingEmission(_ kernel: Kernel, before input: AdmittedInput) -> Divergence? {
        if let (missing, beforeInput) = expectations.decisions.first, beforeInput <= inputsChecked {
            return Divergence(
                kind: .decision, eventIndex: input.deliveriesBefore, time: missing.time, actor: kernel.name(of: missing.source),
                expected: MessageJSON.object(missing.message), actual: "nothing (the replay did not emit this decision)",
                detail: "a recorded decision is missing before input #\(inputsChecked)")
        }
        if let (missing, beforeInput) = expectations.signals.first, beforeInput <= inputsChecked {
            return Divergence(
                kind: .decision, eventIndex: input.deliveriesBefore, time: missing.time, actor: kernel.name(of: missing.source),
                expected: MessageJSON.object(missing.message), actual: "nothing (the replay did not emit this signal)",
                detail: "a recorded signal is missing before input #\(inputsChecked)")
        }
        return nil
    }

    /// The input admitted at another time or point of the run than recorded, or after other
    /// events (their count or digest).
    private func admissionDivergence(_ kernel: Kernel, _ input: AdmittedInput, recorded: RecordedInput, fragment: UInt8) -> Divergence? {
        // The recorded time is the admission time: a replay admits at it, unless it lies in the
        // replay's past (the kernel clamps it to "now") — a log that went back in time.
        if recorded.time != input.time {
            return Divergence(
                kind: .sequence, eventIndex: input.deliveriesBefore, time: input.time, actor: "input",
                expected: "admission at \(TimeUnits.iso8601(recorded.time))", actual: "admission at \(TimeUnits.iso8601(input.time))",
                detail: "input #\(inputsChecked) was admitted at another time than recorded")
        }
        if recorded.sequence != input.sequence {
            return Divergence(
                kind: .sequence, eventIndex: input.deliveriesBefore, time: input.time, actor: "input",
                expected: "sequence \(recorded.sequence)", actual: "sequence \(input.sequence)",
                detail: "input #\(inputsChecked) was admitted at a different point of the run")
        }
        if recorded.deliveriesBefore != input.deliveriesBefore || recorded.digestFragment != fragment {
            return windowDivergence(kernel, before: input, recorded: recorded, fragment: fragment)
        }
        return nil
    }

    /// The log's next block checkpoint: passed by, or reached with another state of the run.
    /// A checkpoint reached and matched is consumed.
    private func checkpointDivergence(_ kernel: Kernel, _ input: AdmittedInput, recorded: RecordedInput, fragment: UInt8) -> Divergence? {
        guard let checkpoint = expectations.checkpoints.first, checkpoint.checkpointSequence <= input.sequence else { return nil }
        if checkpoint.checkpointSequence < input.sequence {
            // The log's checkpoints name inputs of their own blocks (BlockDecoder checks it): one
            // passed by is one the replay did not admit.
            return Divergence(
                kind: .sequence, eventIndex: input.deliveriesBefore, time: input.time, actor: "input",
                expected: "the checkpoint at input sequence \(checkpoint.checkpointSequence) (block \(checkpoint.blockIndex))",
                actual: "input sequence \(input.sequence) admitted first", detail: "a block checkpoint was never reached")
        }
        expectations.checkpoints.removeFirst()
        checkpointsChecked += 1
        let decisionDigest = kernel.currentDecisionDigest
        // The delivery count too: a checkpoint is the run's state before its input, all of it.
        guard checkpoint.eventDigest != input.eventDigestBefore || checkpoint.decisionDigest != decisionDigest
            || checkpoint.deliveries != input.deliveriesBefore else { return nil }
        var window = windowDivergence(kernel, before: input, recorded: recorded, fragment: fragment)
        window.expected = "\(checkpoint.deliveries) events, event digest \(RunDigest.hex(checkpoint.eventDigest)), decision digest \(RunDigest.hex(checkpoint.decisionDigest))"
        window.actual = "\(input.deliveriesBefore) events, event digest \(RunDigest.hex(input.eventDigestBefore)), decision digest \(RunDigest.hex(decisionDigest))"
        return window
    }

    func kernel(_ kernel: Kernel, emitted decision: RecordedDecision) {
        observedKernel = kernel
        guard !hasDiverged else { return }
        let index = kernel.currentDeliveries
        guard let (expected, _) = expectations.decisions.popFirst() else {
            if stopsAtLossPoint && inputsChecked >= lossPointInputs {
                if continuesPastLossPoint {
                    decisionsPastLossPoint += 1
                    return
                }
                reachedLossPoint = true
                kernel.requestStop()
                return
            }
            divergence = Divergence(
                kind: .decision, eventIndex: index, time: decision.time, actor: kernel.name(of: decision.source),
                expected: "no decision before input #\(inputsChecked)", actual: MessageJSON.object(decision.message),
                detail: "the replay emitted a decision the recording does not have")
            return
        }
        decisionsChecked += 1
        if expected != decision {
            divergence = Self.mismatch(expected: expected, actual: decision, eventIndex: index, kernel: kernel,
                                       detail: "decision #\(decisionsChecked - 1) differs")
        }
    }

    /// A recorded record (decision or signal) and the replay's differ: both shown whole.
    private static func mismatch(expected: RecordedDecision, actual: RecordedDecision, eventIndex: UInt64, kernel: Kernel,
                                 detail: String) -> Divergence {
        func described(_ record: RecordedDecision) -> String {
            "\(MessageJSON.object(record.message)) at \(TimeUnits.iso8601(record.time)) from \(kernel.name(of: record.source))"
        }
        return Divergence(kind: .decision, eventIndex: eventIndex, time: actual.time, actor: kernel.name(of: actual.source),
                          expected: described(expected), actual: described(actual), detail: detail)
    }

    func kernel(_ kernel: Kernel, emittedAnnotation signal: RecordedDecision) {
        observedKernel = kernel
        guard !hasDiverged else { return }
        let index = kernel.currentDeliveries
        guard let (expected, _) = expectations.signals.popFirst() else {
            // Past a recovered log's loss point nothing was kept: the decisions decide where it stops.
            if stopsAtLossPoint && inputsChecked >= lossPointInputs { return }
            divergence = Divergence(
                kind: .decision, eventIndex: index, time: signal.time, actor: kernel.name(of: signal.source),
                expected: "no signal before input #\(inputsChecked)", actual: MessageJSON.object(signal.message),
                detail: "the replay emitted a signal the recording does not have")
            return
        }
        signalsChecked += 1
        if expected != signal {
            divergence = Self.mismatch(expected: expected, actual: signal, eventIndex: index, kernel: kernel,
                                       detail: "signal record #\(signalsChecked - 1) differs")
        }
    }

    /// After the run: leftover decisions, and the final digests of a cleanly closed log against
    /// both its end-of-run checkpoint and its trailer.
    func finish(kernel: Kernel, summary: RunSummary, trailer: JournalTrailer?) {
        guard !hasDiverged else { return }
        if let (missing, _) = expectations.decisions.first {
            divergence = Divergence(
                kind: .decision, eventIndex: summary.deliveries, time: missing.time, actor: kernel.name(of: missing.source),
                expected: MessageJSON.object(missing.message), actual: "nothing (the replay ended first)",
                detail: "a recorded decision is missing at the end of the run")
            return
        }
        if let (missing, _) = expectations.signals.first {
            divergence = Divergence(
                kind: .decision, eventIndex: summary.deliveries, time: missing.time, actor: kernel.name(of: missing.source),
                expected: MessageJSON.object(missing.message), actual: "nothing (the replay ended first)",
                detail: "a recorded signal is missing at the end of the run")
            return
        }
        guard let trailer else { return }
        var expected: [(String, UInt64, UInt64, UInt64)] = [("trailer", trailer.deliveries, trailer.eventDigest, trailer.decisionDigest)]
        if let final = expectations.finalCheckpoint {
            expected.append(("end-of-run checkpoint", final.deliveries, final.eventDigest, final.decisionDigest))
        } else {
            divergence = Divergence(kind: .final, eventIndex: summary.deliveries, time: summary.endTime, actor: "-",
                                    expected: "an end-of-run block", actual: "none in the log",
                                    detail: "the log has a trailer but no end-of-run checkpoint")
            return
        }
        // The trailer's counts are part of what the log claims: a replay that admitted and decided
        // a different number of records has not reproduced it, whatever the digests say.
        if trailer.inputCount != summary.inputs || trailer.decisionCount != decisionsChecked
            || trailer.recordCount != trailer.inputCount &+ trailer.decisionCount &+ signalsChecked {
            divergence = Divergence(kind: .final, eventIndex: summary.deliveries, time: summary.endTime, actor: "-",
                                    expected: "\(trailer.recordCount) records: \(trailer.inputCount) inputs, \(trailer.decisionCount) decisions, the rest signals (trailer)",
                                    actual: "\(summary.inputs) inputs, \(decisionsChecked) decisions, \(signalsChecked) signals",
                                    detail: "the trailer's counts differ from what the log holds and the replay reproduced")
            return
        }
        for (what, deliveries, eventDigest, decisionDigest) in expected {
            checkpointsChecked += 1
            if deliveries != summary.deliveries || eventDigest != summary.digest || decisionDigest != summary.decisionDigest {
                divergence = Divergence(
                    kind: .final, eventIndex: min(deliveries, summary.deliveries), time: summary.endTime, actor: "-",
                    expected: "\(deliveries) events, digest \(RunDigest.hex(eventDigest)), decision_digest \(RunDigest.hex(decisionDigest)) (\(what))",
                    actual: "\(summary.deliveries) events, digest \(summary.digestHex), decision_digest \(summary.decisionDigestHex)",
                    detail: "every input and decision matched; the run's end differs from the \(what)")
                return
            }
        }
    }

    /// The events between the previous input and `input` differ. Without a per-event trace in
    /// the log, the recording pins the divergence to this window, not to one event: say so, and
    /// list what the replay delivered there.
    private func windowDivergence(_ kernel: Kernel, before input: AdmittedInput, recorded: RecordedInput, fragment: UInt8) -> Divergence {
        let expected = "\(recorded.deliveriesBefore) events before input #\(inputsChecked), checkpoint byte 0x\(String(recorded.digestFragment, radix: 16))"
        let actual = "\(input.deliveriesBefore) events before input #\(inputsChecked), checkpoint byte 0x\(String(fragment, radix: 16))"
        var lines = window.map { entry in
            "    #\(entry.index) \(TimeUnits.iso8601(entry.event.key.time)) \(kernel.name(of: entry.event.source)) → \(kernel.name(of: entry.event.target)): \(MessageJSON.object(entry.event.message))"
        }
        if windowOverflow > 0 { lines.append("    … and \(windowOverflow) more") }
        let listing = lines.isEmpty ? "" : "\n  the replay's events in that window:\n" + lines.joined(separator: "\n")
        guard let previous else {
            return Divergence(kind: .events, eventIndex: 0, time: kernel.configuration.startTime, actor: "-", expected: expected,
                              actual: actual, detail: "an event before the first input differs (start-up)" + listing)
        }
        let firstSubscriber = kernel.subscribers(of: previous.topic).first.map { kernel.name(of: $0) } ?? "(no subscriber)"
        return Divergence(
            kind: .events, eventIndex: previous.deliveriesBefore, time: previous.time, actor: firstSubscriber,
            expected: expected, actual: actual,
            detail: "an event from #\(previous.deliveriesBefore) (input #\(inputsChecked - 1) on \(kernel.name(of: previous.topic)): \(MessageJSON.object(previous.message))) up to input #\(inputsChecked) differs; the window starts with that input's delivery to \(firstSubscriber)" + listing)
    }
}
