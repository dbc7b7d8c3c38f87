import Actors
import Kernel

/// A C function deciding a policy stage's actions in lockstep with the run (docs/python.md,
/// "Python components"): called on the run's thread at every decision point with the
/// observation, it writes the action's four indices. Python passes a ctypes callback.
///
/// `action` is nil in the last call (the run's end: the final observation and reward, no action to
/// give). A non-zero return stops the run: the caller's own error (a Python exception) is then
/// raised by the caller once the run has returned.
public typealias PolicyCallback = @convention(c) (
    _ context: UnsafeMutableRawPointer?, _ step: Int64, _ timeNanoseconds: Int64, _ reward: Double, _ equityMinorUnits: Int64,
    _ features: UnsafePointer<Double>?, _ featureCount: Int64, _ action: UnsafeMutablePointer<Int64>?
) -> Int32

final class CallbackPolicyDecider: PolicyDecider {
    private let callback: PolicyCallback
    private let context: UnsafeMutableRawPointer?
    private let parameters: PolicyStage.Parameters
    /// Stops the run when the callback fails (set once the run is built).
    var stopRun: () -> Void = {}
    /// The first failure: the callback's status, or an action out of range.
    private(set) var failure: String?

    init(callback: PolicyCallback, context: UnsafeMutableRawPointer?, parameters: PolicyStage.Parameters) {
        self.callback = callback
        self.context = context
        self.parameters = parameters
    }

    func decide(_ observation: PolicyObservation) -> PolicyChoice {
        guard failure == nil else { return .flat }
        var action: (Int64, Int64, Int64, Int64) = (1, 0, 0, 0)
        let status = withUnsafeMutableBytes(of: &action) { raw in
            call(observation, action: raw.baseAddress!.assumingMemoryBound(to: Int64.self))
        }
        guard status == 0 else { return fail("the policy callback returned \(status)") }
        let indices = [action.0, action.1, action.2, action.3]
        if let problem = PolicyChoice.problem(indices: indices, for: parameters) { return fail("the policy returned an invalid action: \(problem)") }
        return PolicyChoice(fromIndices: indices)
    }

    func finish(_ observation: PolicyObservation) {
        guard failure == nil else { return }
        if call(observation, action: nil) != 0 { _ = fail("the policy callback failed at the run's end") }
    }

    private func call(_ observation: PolicyObservation, action: UnsafeMutablePointer<Int64>?) -> Int32 {
        callback(context, Int64(observation.step), Int64(truncatingIfNeeded: observation.time), observation.reward, observation.equityMinorUnits,
                 observation.features.baseAddress, Int64(observation.features.count), action)
    }

    private func fail(_ reason: String) -> PolicyChoice {
        failure = reason
        stopRun()
        return .flat
    }
}
