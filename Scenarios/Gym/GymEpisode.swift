import Actors
import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioRunning

/// One episode of a Gymnasium environment: a scenario run on its own thread, its policy stage's
/// decisions handed to the caller one at a time (``SteppedPolicyDecider``).
final class GymEpisode: @unchecked Sendable {
    let decider: SteppedPolicyDecider
    private let scenario: Scenario
    private let options: ScenarioRun.Options
    private var thread: Thread?
    /// Set on the episode's thread before it reports the end.
    private var run: ScenarioRun?
    private(set) var outcome: RunOutcome?
    private(set) var failure: String?
    private let ready = NSCondition()
    private var built = false

    /// The log the episode records to, if it does.
    var recordPath: String? { options.recording?.path }

    init(scenario: Scenario, seed: UInt64, recording: ScenarioRun.Recording?) {
        self.scenario = scenario
        var options = ScenarioRun.Options(seed: seed)
        options.recording = recording
        self.options = options
        decider = SteppedPolicyDecider(featureCount: scenario.execution?.policy?.featureCount ?? 0)
    }

    /// Builds and runs the scenario on a thread of its own (the kernel's thread for the episode).
    func start() {
        let thread = Thread { [self] in
            do {
                let made = try ScenarioRun(scenario: scenario, options: options, policyDecider: decider)
                publish(made)
                outcome = try made.run()
            } catch {
                publish(nil)
                failure = "\(error)"
            }
            decider.runEnded()
        }
        thread.stackSize = 16 << 20
        self.thread = thread
        thread.start()
    }

    private func publish(_ made: ScenarioRun?) {
        ready.lock()
        run = made
        built = true
        ready.broadcast()
        ready.unlock()
    }

    /// Stops the episode before its end: the remaining decisions are flat, the kernel stops at its
    /// next check, and a recording is closed (its replay stops at the same event).
    func abandon() {
        ready.lock()
        while !built { ready.wait() }
        let current = run
        ready.unlock()
        decider.abandon()
        current?.kernel.requestStop()
        while decider.waitForDecisionOrEnd() != .finished {}
    }
}
