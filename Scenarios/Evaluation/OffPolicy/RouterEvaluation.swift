import Actors
import Foundation
import Kernel
import ScenarioDefinition
import ScenarioPipeline
import ScenarioRunning

/// `metronome evaluate LOG --policy WHATIF.yaml` for the router: the log's routing decisions
/// (rebuilt by replaying it, which reproduces every one exactly), valued under another router
/// policy by IPS, SNIPS and DR from the logged propensities — and, beside them, the exact
/// counterfactual: the same recorded inputs through the pipeline with the other policy
/// (``CounterfactualRun``), whose routing decisions' mean reward is the truth the estimates aim at.
///
/// Reward: minus the parent's cost in basis points as the router learns it (filled part at its
/// implementation shortfall, unfilled part at the cost of crossing later). Decisions whose parent
/// was not done by the end carry no reward and are left out of both sides.
public struct RouterEvaluation: Sendable, Codable, Equatable {
    public var log: String
    public var policy: String
    /// ε of the logging and the target policy.
    public var logged_exploration: Double
    public var target_exploration: Double
    /// The logging policy's own mean reward (bps) over its decisions.
    public var logged_value: Double
    public var logged_decisions: Int
    public var estimate: OffPolicyEstimate
    /// The counterfactual's mean reward per decision (bps) and its decision count.
    public var counterfactual_value: Double?
    public var counterfactual_decisions: Int
    /// Estimate − counterfactual, per estimator.
    public var ips_error: Double?
    public var snips_error: Double?
    public var dr_error: Double?

    public static func run(logPath: String, policyPath: String, resamples: Int = 1_000) throws -> RouterEvaluation {
        let replay = try ReplayRun(logPath: logPath)
        guard let loggedRouter = replay.run.execution?.router else {
            throw EvaluationError("\(logPath): the recorded scenario has no router (no sizer: section), so there are no routing decisions to evaluate")
        }
        loggedRouter.assumeIsolated { $0.recordDecisions() }
        _ = try replay.replay()
        let logged = loggedRouter.assumeIsolated { $0.decisions ?? [] }.filter { $0.realizedCostBasisPoints != nil }
        let policyText = try String(contentsOfFile: policyPath, encoding: .utf8)
        let target = try ScenarioOverrides.apply(overrides: policyText, file: policyPath, to: replay.reader.header.scenarioText,
                                                 baseFile: "\(logPath) (embedded scenario)").scenario
        guard let targetParameters = ScenarioComponents.routerParameters(of: target) else {
            throw EvaluationError("\(policyPath): the policy removes the router: nothing to compare")
        }
        let policy = RouterTargetPolicy(parameters: targetParameters)
        let samples = logged.map { Self.sample($0, policy: policy) }
        guard let estimate = OffPolicyEstimate.estimate(samples, resamples: resamples, seed: replay.reader.header.seed) else {
            throw EvaluationError("\(logPath): the log holds no finished routing decision to evaluate")
        }
        var counterfactualRun: ScenarioRun?
        _ = try CounterfactualRun.run(logPath: logPath, overridesPath: policyPath) { run in
            run.execution?.router.assumeIsolated { $0.recordDecisions() }
            counterfactualRun = run
        }
        let truth = (counterfactualRun?.execution?.router.assumeIsolated { $0.decisions ?? [] } ?? [])
            .compactMap { $0.realizedCostBasisPoints.map { -$0 } }
        let truthValue = truth.isEmpty ? nil : truth.reduce(0, +) / Double(truth.count)
        let rewards = logged.map { -$0.realizedCostBasisPoints! }
        return RouterEvaluation(log: logPath, policy: policyPath, logged_exploration: logged.first?.exploration ?? 0,
                                target_exploration: targetParameters.exploration,
                                logged_value: rewards.reduce(0, +) / Double(rewards.count), logged_decisions: logged.count,
                                estimate: estimate, counterfactual_value: truthValue, counterfactual_decisions: truth.count,
                                ips_error: truthValue.map { estimate.ips.estimate - $0 },
                                snips_error: truthValue.map { estimate.snips.estimate - $0 },
                                dr_error: truthValue.map { estimate.dr.estimate - $0 })
    }

    /// A logged decision as the estimators see it; the reward model is the router's own predicted
    /// cost (model + learned correction), negated.
    static func sample(_ decision: RoutingDecision, policy: RouterTargetPolicy) -> OffPolicyEstimate.Sample {
        let (target, unsupported) = policy.probabilities(for: decision)
        let modelRewards = decision.predictedCostBasisPoints.map { -$0 }
        var modelTarget = 0.0
        for index in target.indices { modelTarget += target[index] * modelRewards[index] }
        return OffPolicyEstimate.Sample(weight: target[decision.chosen] / decision.propensity, reward: -decision.realizedCostBasisPoints!,
                                        modelReward: modelRewards[decision.chosen], modelTargetReward: modelTarget, unsupported: unsupported)
    }

    public func text() -> String {
        func value(_ value: OffPolicyEstimate.Value) -> String {
            String(format: "%+.2f bps  [%+.2f, %+.2f]", value.estimate, value.lower, value.upper)
        }
        func error(_ error: Double?) -> String { error.map { String(format: "  error %+.2f", $0) } ?? "" }
        var lines = [
            "routing decisions: \(logged_decisions) finished in the log (reward: −cost in bps of the arrival mid; higher is better)",
            String(format: "logged policy (ε %.3f):   %+.2f bps per decision", logged_exploration, logged_value),
            String(format: "target policy (ε %.3f), estimated from the log's propensities:", target_exploration),
            "  IPS    " + value(estimate.ips) + error(ips_error),
            "  SNIPS  " + value(estimate.snips) + error(snips_error),
            "  DR     " + value(estimate.dr) + error(dr_error),
            String(format: "  effective sample size %.1f of %d; target mass on actions the log never offered %.1f %%",
                   estimate.effective_sample_size, estimate.decisions, estimate.unsupported_mass * 100),
        ]
        if let counterfactual_value {
            lines.append(String(format: "exact counterfactual (replay --with): %+.2f bps per decision over %d decisions",
                                counterfactual_value, counterfactual_decisions))
        }
        return lines.joined(separator: "\n")
    }

    public func json() throws -> Data { try SweepStore.encoder.encode(self) }
}
