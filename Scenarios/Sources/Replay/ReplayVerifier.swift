import Kernel

/// Compares a replay with its recording as it runs, and keeps the first divergence:
/// - every recorded decision must be emitted, identically and in order, before the next input;
/// - at every input's admission the deliveries so far and the event digest's checkpoint byte
///   must match the recorded ones (a mismatch names the first event after the previous input);
/// - at every block checkpoint the full 64-bit digests must match.
final class ReplayVerifier: InputObserver {
    let expectations: ReplayExpectations
    private(set) var divergence: Divergence?
    private(set) var inputsChecked: UInt64 = 0
    private(set) var decisionsChecked: UInt64 = 0
    private(set) var checkpointsChecked = 0
    private var previous: AdmittedInput?

    init(expectations: ReplayExpectations) { self.expectations = expectations }

    func kernel(_ kernel: Kernel, admitted input: AdmittedInput) {
        guard divergence == nil else { return }
        if let (missing, beforeInput) = expectations.decisions.first, beforeInput <= inputsChecked {
            divergence = Divergence(
                kind: .decision, eventIndex: input.deliveriesBefore, time: missing.time, actor: kernel.name(of: missing.source),
                expected: MessageJSON.object(missing.message), actual: "nothing (the replay did not emit this decision)",
                detail: "a recorded decision is missing before input #\(inputsChecked)")
            return
        }
        guard let recorded = expectations.inputs.popFirst() else { return }
        let fragment = UInt8(truncatingIfNeeded: input.eventDigestBefore)
        if recorded.sequence != input.sequence {
            divergence = Divergence(
                kind: .sequence, eventIndex: input.deliveriesBefore, time: input.time, actor: "input",
                expected: "sequence \(recorded.sequence)", actual: "sequence \(input.sequence)",
                detail: "input #\(inputsChecked) was admitted at a different point of the run")
            return
        }
        if recorded.deliveriesBefore != input.deliveriesBefore || recorded.digestFragment != fragment {
            divergence = windowDivergence(kernel, before: input, recorded: recorded, fragment: fragment)
            return
        }
        if let checkpoint = expectations.checkpoints.first, checkpoint.checkpointSequence == input.sequence {
            expectations.checkpoints.removeFirst()
            checkpointsChecked += 1
            let decisionDigest = kernel.currentDecisionDigest
            if checkpoint.eventDigest != input.eventDigestBefore || checkpoint.decisionDigest != decisionDigest {
                var window = windowDivergence(kernel, before: input, recorded: recorded, fragment: fragment)
                window.expected = "event digest \(RunDigest.hex(checkpoint.eventDigest)), decision digest \(RunDigest.hex(checkpoint.decisionDigest))"
                window.actual = "event digest \(RunDigest.hex(input.eventDigestBefore)), decision digest \(RunDigest.hex(decisionDigest))"
                divergence = window
                return
            }
        }
        inputsChecked += 1
        previous = input
    }

    func kernel(_ kernel: Kernel, emitted decision: RecordedDecision) {
        guard divergence == nil else { return }
        let index = kernel.currentDeliveries
        guard let (expected, _) = expectations.decisions.popFirst() else {
            divergence = Divergence(
                kind: .decision, eventIndex: index, time: decision.time, actor: kernel.name(of: decision.source),
                expected: "no decision before input #\(inputsChecked)", actual: MessageJSON.object(decision.message),
                detail: "the replay emitted a decision the recording does not have")
            return
        }
        decisionsChecked += 1
        if expected != decision {
            divergence = Divergence(
                kind: .decision, eventIndex: index, time: decision.time, actor: kernel.name(of: decision.source),
                expected: "\(MessageJSON.object(expected.message)) at \(TimeUnits.iso8601(expected.time)) from \(kernel.name(of: expected.source))",
                actual: "\(MessageJSON.object(decision.message)) at \(TimeUnits.iso8601(decision.time)) from \(kernel.name(of: decision.source))",
                detail: "decision #\(decisionsChecked - 1) differs")
        }
    }

    /// After the run: leftover decisions, and the final digests of a cleanly closed log.
    func finish(kernel: Kernel, summary: RunSummary, compareFinal: Bool) {
        guard divergence == nil else { return }
        if let (missing, _) = expectations.decisions.first {
            divergence = Divergence(
                kind: .decision, eventIndex: summary.deliveries, time: missing.time, actor: kernel.name(of: missing.source),
                expected: MessageJSON.object(missing.message), actual: "nothing (the replay ended first)",
                detail: "a recorded decision is missing at the end of the run")
            return
        }
        guard compareFinal, let final = expectations.finalCheckpoint else { return }
        checkpointsChecked += 1
        if final.deliveries != summary.deliveries || final.eventDigest != summary.digest || final.decisionDigest != summary.decisionDigest {
            divergence = Divergence(
                kind: .final, eventIndex: min(final.deliveries, summary.deliveries), time: summary.endTime, actor: "-",
                expected: "\(final.deliveries) events, digest \(RunDigest.hex(final.eventDigest)), decision digest \(RunDigest.hex(final.decisionDigest))",
                actual: "\(summary.deliveries) events, digest \(summary.digestHex), decision digest \(summary.decisionDigestHex)",
                detail: "every input matched; the events after the last input differ")
        }
    }

    /// The events between the previous input and `input` differ: name the first of them.
    private func windowDivergence(_ kernel: Kernel, before input: AdmittedInput, recorded: RecordedInput, fragment: UInt8) -> Divergence {
        let expected = "\(recorded.deliveriesBefore) events before input #\(inputsChecked), digest checkpoint 0x\(String(recorded.digestFragment, radix: 16))"
        let actual = "\(input.deliveriesBefore) events before input #\(inputsChecked), digest checkpoint 0x\(String(fragment, radix: 16))"
        guard let previous else {
            return Divergence(kind: .events, eventIndex: 0, time: kernel.configuration.startTime, actor: "-", expected: expected,
                              actual: actual, detail: "the events before the first input differ (start-up)")
        }
        let firstSubscriber = kernel.subscribers(of: previous.topic).first.map { kernel.name(of: $0) } ?? "(no subscriber)"
        return Divergence(
            kind: .events, eventIndex: previous.deliveriesBefore, time: previous.time, actor: firstSubscriber,
            expected: expected, actual: actual,
            detail: "the events from input #\(inputsChecked - 1) (\(kernel.name(of: previous.topic)): \(MessageJSON.object(previous.message))) up to input #\(inputsChecked) differ; the first is that input's delivery")
    }
}
