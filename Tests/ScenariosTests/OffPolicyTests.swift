import Actors
import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// `metronome evaluate` (docs/evaluation.md, "Off-policy evaluation"): the estimators on known
/// values and on a simulated bandit whose true values are known, and on a recorded run against
/// its exact counterfactual.
@Suite struct OffPolicyTests {
    typealias Sample = OffPolicyEstimate.Sample

    @Test func estimatorsOnHandComputedValues() throws {
        // w = 2, 0.5, 1; r = 1, -2, 3; q̂(a) = 0.5, -1, 2; Σ π q̂ = 0.4, -0.5, 1.5
        let samples = [Sample(weight: 2, reward: 1, modelReward: 0.5, modelTargetReward: 0.4),
                       Sample(weight: 0.5, reward: -2, modelReward: -1, modelTargetReward: -0.5),
                       Sample(weight: 1, reward: 3, modelReward: 2, modelTargetReward: 1.5)]
        let estimate = try #require(OffPolicyEstimate.estimate(samples, resamples: 200))
        // IPS = (2 − 1 + 3) / 3; SNIPS = 4 / 3.5; DR = (0.4 + 2·0.5 − 0.5 + 0.5·(−1) + 1.5 + 1·1) / 3
        #expect(abs(estimate.ips.estimate - 4.0 / 3) < 1e-12)
        #expect(abs(estimate.snips.estimate - 4.0 / 3.5) < 1e-12)
        #expect(abs(estimate.dr.estimate - 2.9 / 3) < 1e-12)
        #expect(abs(estimate.effective_sample_size - 3.5 * 3.5 / 5.25) < 1e-12)
        #expect(estimate.ips.lower <= estimate.ips.estimate && estimate.ips.estimate <= estimate.ips.upper)
        #expect(OffPolicyEstimate.estimate([]) == nil)
    }

    /// A three-armed bandit logged ε-greedy (ε 0.3 on arm 0) and valued for a policy that mostly
    /// plays arm 2: IPS and DR (with a deliberately wrong reward model) recover the true value.
    @Test func onASimulatedBanditTheEstimatesFindTheTrueValue() throws {
        let means = [0.1, 0.5, 0.9]
        let logging = [0.8, 0.1, 0.1], target = [0.1, 0.1, 0.8]
        let truth = zip(target, means).reduce(0) { $0 + $1.0 * $1.1 }
        var stream = RandomStream(seed: 5)
        var samples: [Sample] = []
        for _ in 0..<20_000 {
            let draw = stream.nextDouble()
            let action = draw < logging[0] ? 0 : draw < logging[0] + logging[1] ? 1 : 2
            let reward = means[action] + 0.5 * stream.nextGaussian()
            let model = [0.3, 0.3, 0.3]   // wrong on purpose: DR must still be right through the propensities
            samples.append(Sample(weight: target[action] / logging[action], reward: reward, modelReward: model[action],
                                  modelTargetReward: zip(target, model).reduce(0) { $0 + $1.0 * $1.1 }))
        }
        let estimate = try #require(OffPolicyEstimate.estimate(samples, resamples: 200, seed: 1))
        for value in [estimate.ips, estimate.snips, estimate.dr] {
            #expect(abs(value.estimate - truth) < 0.05, "\(value) vs \(truth)")
            #expect(value.lower < truth && truth < value.upper, "\(value) vs \(truth)")
        }
        let loggedValue = samples.reduce(0) { $0 + $1.reward } / Double(samples.count)
        #expect(abs(loggedValue - 0.22) < 0.02, "the logging policy's own value is far from the target's")
    }

    /// Valued for its own policy, a log's routing decisions give back the logged value exactly,
    /// every weight is 1, and the "counterfactual" is the recorded run itself.
    @Test func aLogValuedForItsOwnPolicyGivesItsOwnValue() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metronome-ope-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("day.mlog").path
        let scenario = try ScenarioLoader.load(path: "Scenarios/Library/mean-reverting-day.yaml")
        let until = scenario.startTime + 3_600_000_000_000
        _ = try ScenarioRun(scenario: scenario, options: ScenarioRun.Options(until: until, recording: ScenarioRun.Recording(path: log))).run()
        let same = directory.appendingPathComponent("same.yaml").path
        try "# no change\n".write(toFile: same, atomically: true, encoding: .utf8)
        let both = try PolicyEvaluation.run(logPath: log, policyPath: same, resamples: 200)
        let evaluation = try #require(both.router)
        let routerEstimate = try #require(evaluation.estimate)
        #expect(evaluation.logged_decisions > 10)
        #expect(abs(routerEstimate.effective_sample_size - Double(evaluation.logged_decisions)) < 1e-9)
        #expect(abs(routerEstimate.ips.estimate - evaluation.logged_value) < 1e-9)
        #expect(abs(routerEstimate.snips.estimate - evaluation.logged_value) < 1e-9)
        #expect(evaluation.counterfactual_decisions == evaluation.logged_decisions)
        #expect(abs(try #require(evaluation.ips_error)) < 1e-9)
        // The selector's slates likewise: the product of the picks' propensities is the target's.
        let slates = try #require(both.selector)
        #expect(slates.logged_decisions > 20)
        let slateEstimate = try #require(slates.estimate)
        #expect(abs(slateEstimate.effective_sample_size - Double(slates.logged_decisions)) < 1e-6)
        #expect(abs(slateEstimate.ips.estimate - slates.logged_value) < 1e-9)
        #expect(abs(try #require(slates.counterfactual_value) - slates.logged_value) < 1e-9)
        // A greedier target moves the weights: some decisions count more than others.
        let greedy = directory.appendingPathComponent("greedy.yaml").path
        try "router: { exploration: 0.0 }\n".write(toFile: greedy, atomically: true, encoding: .utf8)
        let other = try #require(try PolicyEvaluation.run(logPath: log, policyPath: greedy, resamples: 200).router)
        #expect(other.target_exploration == 0 && other.logged_exploration == 0.05)
        let otherEstimate = try #require(other.estimate)
        #expect(otherEstimate.effective_sample_size < Double(other.logged_decisions))
        #expect(otherEstimate.unsupported_mass == 0)
    }

    /// Three candidates, scores 3, 2, 1; A and B move together (directional correlation 0.9), C
    /// is independent. With λ = 0 the greedy slate of two is A, B; with λ = 2 it is A, C.
    @Test func aSelectorPolicysProbabilityOfALoggedSlate() {
        let correlations: [Double] = [1, 0.9, 0, 0.9, 1, 0, 0, 0, 1]
        let decision = SlateDecision(candidates: [0, 1, 2], scores: [3, 2, 1], mus: [0.003, 0.002, 0.001], directions: [1, 1, 1],
                                     correlations: correlations, picks: [0, 1], propensity: 1, exploration: 0, penaltyWeight: 0)
        func policy(_ lambda: Double, _ epsilon: Double, count: Int = 2) -> SelectorTargetPolicy {
            SelectorTargetPolicy(parameters: Selector.Parameters(count: count, penaltyWeight: lambda, exploration: epsilon))
        }
        #expect(policy(0, 0).probability(of: decision) == 1)
        #expect(policy(2, 0).probability(of: decision) == 0)
        // ε 0.3: A greedy among three (0.7 + 0.1), then B greedy among two (0.7 + 0.15).
        #expect(abs(policy(0, 0.3).probability(of: decision) - 0.8 * 0.85) < 1e-12)
        // λ 2: B is no longer greedy at the second pick: only exploration reaches it (0.15).
        #expect(abs(policy(2, 0.3).probability(of: decision) - 0.8 * 0.15) < 1e-12)
        #expect(policy(0, 0.3, count: 3).probability(of: decision) == 0, "a slate of another size is unsupported")
    }
}
