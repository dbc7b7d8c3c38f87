import Actors
import Kernel
import Messages

/// A replay's policy decider: the actions the log recorded, in order, so that a run whose policy
/// was a Gymnasium environment's caller or a Python callable replays with neither (docs/python.md).
/// The k-th decision of the replay gets the k-th recorded action; the replay's verification
/// checks that everything downstream of them matches.
final class RecordedPolicyDecider: PolicyDecider {
    private let choices: [PolicyChoice]
    private var next = 0
    /// What the recorded run's decider received (a package's own decider may receive the
    /// package's messages): the stage is wired as it was, so every delivery replays.
    var receivedMessageTypes: [UInt16] = []

    /// Reads every policy action the log holds (a pass over its blocks; a torn tail ends it early,
    /// and the replay's verification reports the damage).
    init(reader: JournalReader) {
        var stream = LogRecordStream(reader: reader)
        var choices: [PolicyChoice] = []
        while let record = stream.next() {
            guard case .decision(let decision) = record, case .action(let action) = decision.message else { continue }
            choices.append(PolicyChoice(direction: action.direction, sizeIndex: Int(action.sizeIndex), stopIndex: Int(action.stopIndex),
                                        takeProfitIndex: Int(action.takeProfitIndex)))
        }
        self.choices = choices
    }

    var recordedCount: Int { choices.count }

    /// The next recorded action; past the last, flat (the replay then emits an action the log does
    /// not have, and its verification names it).
    func decide(_ observation: PolicyObservation) -> PolicyChoice {
        defer { next += 1 }
        return next < choices.count ? choices[next] : .flat
    }

    func finish(_ observation: PolicyObservation) {}
}
