import Actors
import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioPipeline
import ScenarioRunning

/// `metronome evaluate LOG --policy WHATIF.yaml`: the log's routing decisions and slates (rebuilt
/// by replaying it, which reproduces every one exactly), valued under the router and selector of
/// another policy by IPS, SNIPS and DR from the logged propensities — and, beside them, the exact
/// counterfactual: the same recorded inputs through the pipeline with the other policy
/// (``CounterfactualRun``), whose decisions' mean reward is the truth the estimates aim at.
public struct PolicyEvaluation: Sendable, Codable, Equatable {
    public var log: String
    public var policy: String
    /// Reward: −(the parent's cost in bps), as the router learns it. Nil without a router.
    public var router: ComponentEvaluation?
    /// Reward: the slate's mean directional log return over the next interval, in bps. Nil without a selector.
    public var selector: ComponentEvaluation?

    public static func run(logPath: String, policyPath: String, resamples: Int = 1_000) throws -> PolicyEvaluation {
        let replay = try ReplayRun(logPath: logPath)
        let loggedRouter = replay.run.execution?.router, loggedSelector = replay.run.selector
        guard loggedRouter != nil || loggedSelector != nil else {
            throw EvaluationError("\(logPath): the recorded scenario has neither a router (sizer: section) nor a selector: no logged decisions to evaluate")
        }
        loggedRouter?.assumeIsolated { $0.recordDecisions() }
        loggedSelector?.assumeIsolated { $0.recordDecisions() }
        _ = try replay.replay()
        let policyText = try String(contentsOfFile: policyPath, encoding: .utf8)
        let target = try ScenarioOverrides.apply(overrides: policyText, file: policyPath, to: replay.reader.header.scenarioText,
                                                 baseFile: "\(logPath) (embedded scenario)").scenario
        var counterfactual: ScenarioRun?
        _ = try CounterfactualRun.run(logPath: logPath, overridesPath: policyPath) { run in
            run.execution?.router.assumeIsolated { $0.recordDecisions() }
            run.selector?.assumeIsolated { $0.recordDecisions() }
            counterfactual = run
        }
        let seed = replay.reader.header.seed
        var evaluation = PolicyEvaluation(log: logPath, policy: policyPath)
        if let loggedRouter, let parameters = ScenarioComponents.routerParameters(of: target) {
            let logged = loggedRouter.assumeIsolated { $0.decisions ?? [] }.filter { $0.realizedCostBasisPoints != nil }
            let truth = (counterfactual?.execution?.router.assumeIsolated { $0.decisions ?? [] } ?? []).compactMap { $0.realizedCostBasisPoints.map { -$0 } }
            evaluation.router = ComponentEvaluation(
                component: "router", loggedExploration: logged.first?.exploration ?? 0,
                targetExploration: parameters.exploration, rewards: logged.map { -$0.realizedCostBasisPoints! },
                samples: logged.map { RouterTargetPolicy(parameters: parameters).sample($0) }, truth: truth, resamples: resamples, seed: seed)
        }
        if let loggedSelector, let parameters = target.selector {
            let logged = loggedSelector.assumeIsolated { $0.decisions ?? [] }.filter { $0.reward != nil }
            let truth = (counterfactual?.selector?.assumeIsolated { $0.decisions ?? [] } ?? []).compactMap { $0.reward.map { $0 * 10_000 } }
            let horizon = target.blender?.horizonNanoseconds ?? parameters.intervalNanoseconds
            let policy = SelectorTargetPolicy(parameters: parameters)
            var stream = RandomStream(rootSeed: seed, streamName: "evaluate.selector")
            let samples = logged.map { policy.sample($0, intervalOverHorizon: Double(parameters.intervalNanoseconds) / Double(horizon), stream: &stream) }
            evaluation.selector = ComponentEvaluation(
                component: "selector", loggedExploration: logged.first?.exploration ?? 0, targetExploration: parameters.exploration,
                rewards: logged.map { $0.reward! * 10_000 }, samples: samples, truth: truth, resamples: resamples, seed: seed)
        }
        return evaluation
    }

    public func text() -> String {
        [router.map { $0.text(reward: "reward: −cost in bps of the arrival mid") },
         selector.map { $0.text(reward: "reward: the picks' mean directional log return over the next interval, bps") }]
            .compactMap { $0 }.joined(separator: "\n\n")
    }

    public func json() throws -> Data { try SweepStore.encoder.encode(self) }
}

extension RouterTargetPolicy {
    /// A logged routing decision as the estimators see it; the reward model is the router's own
    /// predicted cost (model + learned correction), negated.
    func sample(_ decision: RoutingDecision) -> OffPolicyEstimate.Sample {
        let (target, unsupported) = probabilities(for: decision)
        let modelRewards = decision.predictedCostBasisPoints.map { -$0 }
        var modelTarget = 0.0
        for index in target.indices { modelTarget += target[index] * modelRewards[index] }
        return OffPolicyEstimate.Sample(weight: target[decision.chosen] / decision.propensity, reward: -decision.realizedCostBasisPoints!,
                                        modelReward: modelRewards[decision.chosen], modelTargetReward: modelTarget, unsupported: unsupported)
    }
}

extension SelectorTargetPolicy {
    /// How many target slates are drawn per decision for the doubly robust model term.
    static let modelDraws = 32

    /// A logged slate as the estimators see it. The reward model of a slate is its picks' mean
    /// forecast |μ| scaled from the forecast's horizon to the selector's interval (bps); the target's
    /// expected model reward is averaged over ``modelDraws`` slates drawn from it.
    func sample(_ decision: SlateDecision, intervalOverHorizon: Double, stream: inout RandomStream) -> OffPolicyEstimate.Sample {
        func model(_ picks: [Int]) -> Double {
            guard !picks.isEmpty else { return 0 }
            let total = picks.reduce(0.0) { sum, pick in
                sum + abs(decision.mus[decision.candidates.firstIndex(of: pick) ?? 0])
            }
            return total / Double(picks.count) * intervalOverHorizon * 10_000
        }
        var modelTarget = 0.0
        for _ in 0..<Self.modelDraws { modelTarget += model(draw(decision, stream: &stream)) }
        let probability = probability(of: decision)
        let sizeDiffers = min(parameters.count, decision.candidates.count) != decision.picks.count
        return OffPolicyEstimate.Sample(weight: probability / decision.propensity, reward: decision.reward! * 10_000,
                                        modelReward: model(decision.picks), modelTargetReward: modelTarget / Double(Self.modelDraws),
                                        unsupported: sizeDiffers ? 1 : 0)
    }
}
