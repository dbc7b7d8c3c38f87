import Actors
import Foundation
import Kernel

/// The decider of a Gymnasium episode (docs/python.md): the run, on its own thread, hands each
/// observation to the thread that steps the environment and waits for its action. While it waits
/// the run's virtual clock stands still, so how long the caller takes changes nothing.
final class SteppedPolicyDecider: PolicyDecider, @unchecked Sendable {
    /// Where the run is, as the stepping thread sees it.
    enum Phase { case running, awaitingAction, finished }

    private let condition = NSCondition()
    private var phase = Phase.running
    private var action: PolicyChoice?
    private var abandoned = false
    /// The last observation handed over (the final one once the run has finished).
    private(set) var observation: [Double]
    private(set) var reward = 0.0
    private(set) var step = 0
    private(set) var time: Timestamp = 0
    private(set) var equityMinorUnits: Int64 = 0

    init(featureCount: Int) {
        observation = Array(repeating: 0, count: featureCount)
    }

    // The run's thread.

    func decide(_ seen: PolicyObservation) -> PolicyChoice {
        condition.lock()
        defer { condition.unlock() }
        if abandoned { return .flat }
        copy(seen)
        phase = .awaitingAction
        condition.broadcast()
        while action == nil && !abandoned { condition.wait() }
        let chosen = action ?? .flat
        action = nil
        return chosen
    }

    func finish(_ seen: PolicyObservation) {
        condition.lock()
        copy(seen)
        condition.unlock()
    }

    /// The run returned (or failed): the stepping thread stops waiting.
    func runEnded() {
        condition.lock()
        phase = .finished
        condition.broadcast()
        condition.unlock()
    }

    private func copy(_ seen: PolicyObservation) {
        for index in observation.indices { observation[index] = index < seen.features.count ? seen.features[index] : 0 }
        reward = seen.reward
        step = seen.step
        time = seen.time
        equityMinorUnits = seen.equityMinorUnits
    }

    // The stepping thread.

    /// Waits until the run asks for an action or ends.
    func waitForDecisionOrEnd() -> Phase {
        condition.lock()
        defer { condition.unlock() }
        while phase == .running { condition.wait() }
        return phase
    }

    /// Hands the run its action; it runs on to the next decision.
    func give(_ choice: PolicyChoice) {
        condition.lock()
        precondition(phase == .awaitingAction, "an action is given only when the run asks for one")
        action = choice
        phase = .running
        condition.broadcast()
        condition.unlock()
    }

    /// The episode is dropped before its end: every decision from here on is flat, without waiting.
    func abandon() {
        condition.lock()
        abandoned = true
        if phase == .awaitingAction { phase = .running }
        condition.broadcast()
        condition.unlock()
    }

    /// Reads the handed-over state under the lock.
    func withState<T>(_ body: (SteppedPolicyDecider) -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body(self)
    }
}
