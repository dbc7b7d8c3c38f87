import Actors
import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioRunning

/// A Gymnasium environment over a scenario with a `policy:` section (docs/python.md): `reset`
/// starts an episode (a run of the scenario with the given seed), `step` hands the policy stage
/// one action and waits for its next decision point or the run's end.
final class GymEnvironment {
    let scenario: Scenario
    let policy: PolicyStage.Parameters
    private(set) var episode: GymEpisode?

    /// What a reset or a step left the episode at.
    enum Progress { case decision, ended }

    init(scenarioPath: String) throws {
        let path = ScenarioLocator.resolve(scenarioPath) ?? scenarioPath
        scenario = try ScenarioLoader.load(path: path)
        guard let policy = scenario.execution?.policy else { throw GymError("\(path): the scenario has no policy: section; the environment steps a policy stage (docs/python.md)") }
        self.policy = policy
    }

    var actionDimensions: [Int] {
        [3, policy.sizeFractions.count, policy.stopMultiples.count, policy.takeProfitMultiples.count]
    }

    /// Drops the current episode (if any) and starts another; returns at its first decision point.
    func reset(seed: UInt64, recordPath: String?, recordSignals: Bool) throws -> Progress {
        beginReset(seed: seed, recordPath: recordPath, recordSignals: recordSignals)
        return try awaitDecision()
    }

    /// The first half of a reset: drops the current episode and starts the next on its thread,
    /// returning at once (a vector of environments resets several side by side).
    func beginReset(seed: UInt64, recordPath: String?, recordSignals: Bool) {
        episode?.abandon()
        let recording = recordPath.map { ScenarioRun.Recording(path: $0, signals: recordSignals) }
        let made = GymEpisode(scenario: scenario, seed: seed, recording: recording)
        episode = made
        made.start()
    }

    func step(_ indices: [Int64]) throws -> Progress {
        try act(indices)
        return try awaitDecision()
    }

    /// Hands the run its action and returns at once: the run goes on to its next decision point on
    /// its own thread (a vector of environments acts on all, then awaits each).
    func act(_ indices: [Int64]) throws {
        guard let episode else { throw GymError("step before reset: call reset() first") }
        if let problem = PolicyChoice.problem(indices: indices, for: policy) { throw GymError("invalid action: \(problem)") }
        let choice = PolicyChoice(fromIndices: indices)
        guard episode.decider.waitForDecisionOrEnd() == .awaitingAction else { throw GymError("step after the episode ended: call reset") }
        episode.decider.give(choice)
    }

    /// Waits for the run's next decision point or its end.
    func awaitDecision() throws -> Progress {
        guard let episode else { throw GymError("step before reset: call reset() first") }
        return try progress(of: episode, after: episode.decider.waitForDecisionOrEnd())
    }

    private func progress(of episode: GymEpisode, after phase: SteppedPolicyDecider.Phase) throws -> Progress {
        switch phase {
        case .awaitingAction: return .decision
        case .finished:
            if let failure = episode.failure { throw GymError(failure) }
            return .ended
        case .running: preconditionFailure("the wait returns at a decision or the end")
        }
    }

    func close() {
        episode?.abandon()
        episode = nil
    }
}
