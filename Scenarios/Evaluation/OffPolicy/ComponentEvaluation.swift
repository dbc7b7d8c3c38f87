/// One component's off-policy evaluation: the logging policy's own value, the estimates of the
/// target's, and the exact counterfactual with each estimator's error (rewards per decision).
public struct ComponentEvaluation: Sendable, Codable, Equatable {
    public var component: String
    public var logged_exploration: Double
    public var target_exploration: Double
    public var logged_value: Double
    public var logged_decisions: Int
    public var estimate: OffPolicyEstimate?
    public var counterfactual_value: Double?
    public var counterfactual_decisions: Int
    public var ips_error: Double?
    public var snips_error: Double?
    public var dr_error: Double?

    public init(component: String, loggedExploration: Double, targetExploration: Double, rewards: [Double],
                samples: [OffPolicyEstimate.Sample], truth: [Double], resamples: Int, seed: UInt64) {
        self.component = component
        logged_exploration = loggedExploration
        target_exploration = targetExploration
        logged_value = rewards.isEmpty ? 0 : rewards.reduce(0, +) / Double(rewards.count)
        logged_decisions = rewards.count
        estimate = OffPolicyEstimate.estimate(samples, resamples: resamples, seed: seed)
        counterfactual_value = truth.isEmpty ? nil : truth.reduce(0, +) / Double(truth.count)
        counterfactual_decisions = truth.count
        if let estimate, let counterfactual_value {
            ips_error = estimate.ips.estimate - counterfactual_value
            snips_error = estimate.snips.estimate - counterfactual_value
            dr_error = estimate.dr.estimate - counterfactual_value
        }
    }

    func text(reward: String) -> String {
        func value(_ value: OffPolicyEstimate.Value) -> String {
            String(format: "%+.2f bps  [%+.2f, %+.2f]", value.estimate, value.lower, value.upper)
        }
        func error(_ error: Double?) -> String { error.map { String(format: "  error %+.2f", $0) } ?? "" }
        var lines = ["\(component): \(logged_decisions) finished decisions in the log (\(reward); higher is better)",
                     String(format: "  logged policy (ε %.3f):   %+.2f bps per decision", logged_exploration, logged_value)]
        if let estimate {
            lines += [String(format: "  target policy (ε %.3f), estimated from the log's propensities:", target_exploration),
                      "    IPS    " + value(estimate.ips) + error(ips_error),
                      "    SNIPS  " + value(estimate.snips) + error(snips_error),
                      "    DR     " + value(estimate.dr) + error(dr_error),
                      String(format: "    effective sample size %.1f of %d; target mass on actions the log never offered %.1f %%",
                             estimate.effective_sample_size, estimate.decisions, estimate.unsupported_mass * 100)]
        }
        if let estimate, estimate.unsupported_mass == 0, abs(estimate.effective_sample_size - Double(estimate.decisions)) < 1e-6 {
            lines.append("    (the policy leaves the \(component)'s choices unchanged: every weight is 1 and the estimates are the logged value)")
        }
        if let counterfactual_value {
            lines.append(String(format: "  exact counterfactual (replay --with, the whole policy file): %+.2f bps per decision over %d decisions",
                                counterfactual_value, counterfactual_decisions))
        }
        return lines.joined(separator: "\n")
    }
}
