import Actors
import Foundation
import Kernel
import Synchronization

/// The decider of a Gymnasium episode (docs/python.md): the run, on its own thread, hands each
/// observation to the thread that steps the environment and waits for its action. While it waits
/// the run's virtual clock stands still, so how long the caller takes changes nothing.
///
/// A hand-over is a store of ``phase`` after the data it publishes (release) and a load of it before
/// reading them (acquire). Each side waits briefly before it sleeps on the condition — a step of
/// the pipeline takes tens of microseconds, and waking a sleeping thread costs about as much —
/// spinning for a few microseconds, then yielding its core (other environments' runs may need it)
/// until ``yieldingWaitNanoseconds`` have passed.
final class SteppedPolicyDecider: PolicyDecider, @unchecked Sendable {
    /// Where the run is, as the stepping thread sees it.
    enum Phase: UInt8 { case running, awaitingAction, finished }

    /// Loads of ``phase`` before the waiter starts yielding.
    private static let spinLimit = 2_000
    /// How long a waiter yields its core, checking between yields, before it sleeps.
    private static let yieldingWaitNanoseconds: UInt64 = 500_000

    private let phase = Atomic<UInt8>(Phase.running.rawValue)
    private let condition = NSCondition()
    /// Written before `phase` turns `.running` again (by ``give(_:)`` or ``abandon()``).
    private var action = PolicyChoice.flat
    private let abandoned = Atomic<Bool>(false)
    /// The last observation handed over (the final one once the run has finished): read by the
    /// stepping thread only while the phase is not `.running`.
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
        if abandoned.load(ordering: .acquiring) { return .flat }
        copy(seen)
        publish(.awaitingAction)
        wait(until: { $0 == .running })
        return abandoned.load(ordering: .acquiring) ? .flat : action
    }

    func finish(_ seen: PolicyObservation) {
        copy(seen)
    }

    /// The run returned (or failed): the stepping thread stops waiting.
    func runEnded() {
        publish(.finished)
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
        wait(until: { $0 != .running })
    }

    /// Hands the run its action; it runs on to the next decision.
    func give(_ choice: PolicyChoice) {
        precondition(current == .awaitingAction, "an action is given only when the run asks for one")
        action = choice
        publish(.running)
    }

    /// The episode is dropped before its end: every decision from here on is flat, without waiting.
    func abandon() {
        abandoned.store(true, ordering: .releasing)
        if current == .awaitingAction { publish(.running) }
    }

    // Both.

    private var current: Phase { Phase(rawValue: phase.load(ordering: .acquiring))! }

    private func publish(_ next: Phase) {
        phase.store(next.rawValue, ordering: .releasing)
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    /// Spins, then sleeps, until `done` holds for the phase; returns it.
    @discardableResult
    private func wait(until done: (Phase) -> Bool) -> Phase {
        for _ in 0..<Self.spinLimit {
            let seen = current
            if done(seen) { return seen }
        }
        let deadline = DispatchTime.now().uptimeNanoseconds + Self.yieldingWaitNanoseconds
        while DispatchTime.now().uptimeNanoseconds < deadline {
            let seen = current
            if done(seen) { return seen }
            sched_yield()
        }
        condition.lock()
        defer { condition.unlock() }
        while true {
            let seen = current
            if done(seen) { return seen }
            condition.wait()
        }
    }
}
