import Kernel
import Messages
import ScenarioDefinition
import ScenarioFaults

/// Reduces a failing plan to a smaller one that still fails the same invariant (delta
/// debugging: drop chunks of faults, halving the chunk size down to single faults, until no
/// single fault can be dropped).
public enum ChaosShrinker {
    public struct Outcome: Sendable {
        public var plan: ChaosPlan
        public var result: ChaosSeedResult
        /// Runs it took.
        public var trials: Int
    }

    public static func shrink(scenario: Scenario, failing: ChaosSeedResult, until: Timestamp? = nil,
                              progress: (Int, Int) -> Void = { _, _ in }) throws -> Outcome {
        guard let invariant = failing.violations.first?.invariant else { return Outcome(plan: failing.plan, result: failing, trials: 0) }
        var best = failing
        var trials = 0
        var chunk = max(1, best.plan.faults.count / 2)
        while true {
            var removedAny = false
            var start = 0
            while start < best.plan.faults.count {
                var candidate = best.plan
                candidate.faults.removeSubrange(start..<min(start + chunk, candidate.faults.count))
                trials += 1
                progress(trials, best.plan.faults.count)
                let result = try ChaosRun.run(scenario: scenario, seed: failing.seed, plan: candidate, until: until)
                if result.violations.contains(where: { $0.invariant == invariant }) {
                    best = result
                    removedAny = true
                } else {
                    start += chunk
                }
            }
            if chunk == 1 && !removedAny { break }
            if !removedAny { chunk = max(1, chunk / 2) }
            if best.plan.faults.isEmpty { break }
        }
        return Outcome(plan: best.plan, result: best, trials: trials)
    }
}
