import Kernel
import Messages
import ScenarioDefinition
import ScenarioRunning

/// `metronome bench FILE`: runs a scenario with the ``StageMeter`` on and compares each stage's
/// latency with the scenario's `budgets:`.
public enum StageBenchmark {
    /// One stage's two distributions and their verdicts.
    public struct StageFigures: Sendable {
        public var stage: LatencyStage
        public var simulated: StageDistribution
        public var wall: StageDistribution
        public var simulatedVerdict: BudgetVerdict
        public var wallVerdict: BudgetVerdict
        public var untraced: UInt64
    }

    public struct Result: Sendable {
        public var outcome: RunOutcome
        /// The scenario's stages in flow order.
        public var stages: [StageFigures]
        public var budgets: LatencyBudgets?
        public var clamped: UInt64

        /// True when no budgeted percentile was exceeded.
        public var budgetsOK: Bool {
            stages.allSatisfy { $0.simulatedVerdict.status != .exceeded && $0.wallVerdict.status != .exceeded }
        }
    }

    /// Runs `scenario` with the meter on. `options` as for `metronome run` (`until`, `seed`);
    /// `prepare` sees the wired run before it starts (the CLI attaches its progress bar and its
    /// Ctrl-C handler there).
    public static func run(scenario: Scenario, options: ScenarioRun.Options = .init(),
                           prepare: (ScenarioRun) -> Void = { _ in }) throws -> Result {
        let run = try ScenarioRun(scenario: scenario, options: options)
        let meter = StageMeter.attach(to: run.kernel)
        prepare(run)
        let outcome = try run.run()
        let present = ScenarioLoader.presentStages(agents: scenario.agents, blender: scenario.blender, selector: scenario.selector,
                                                   execution: scenario.execution)
        let stages = present.map { stage in
            let simulated = StageDistribution(meter.simulatedHistogram(stage))
            let wall = StageDistribution(meter.wallHistogram(stage))
            return StageFigures(stage: stage, simulated: simulated, wall: wall,
                                simulatedVerdict: BudgetVerdict(distribution: simulated, budget: scenario.budgets?.simulated(stage)),
                                wallVerdict: BudgetVerdict(distribution: wall, budget: scenario.budgets?.wall(stage)),
                                untraced: meter.untraced[stage.rawValue])
        }
        return Result(outcome: outcome, stages: stages, budgets: scenario.budgets, clamped: meter.clamped)
    }

    /// The JSON report of a result.
    public static func report(_ result: Result) -> StageBenchmarkReport {
        var stages: [String: StageBenchmarkReport.Stage] = [:]
        var violations: [StageBenchmarkReport.Violation] = []
        for figures in result.stages {
            let name = figures.stage.name
            func clock(_ distribution: StageDistribution, _ verdict: BudgetVerdict, _ budget: PercentileBudget?, label: String,
                       untraced: UInt64?) -> StageBenchmarkReport.Clock {
                for item in verdict.exceeded {
                    violations.append(.init(stage: name, clock: label, percentile: item.percentile.rawValue,
                                            measured_ns: item.measuredNanoseconds, budget_ns: item.budgetNanoseconds))
                }
                return StageBenchmarkReport.Clock(
                    count: distribution.count, p50_ns: distribution.p50_ns, p99_ns: distribution.p99_ns, p999_ns: distribution.p999_ns,
                    max_ns: distribution.max_ns, budget: budget.map(StageBenchmarkReport.Budget.init), status: verdict.status,
                    untraced: untraced, log2_buckets: distribution.log2_buckets)
            }
            let simulated = clock(figures.simulated, figures.simulatedVerdict, result.budgets?.simulated(figures.stage), label: "simulated",
                                  untraced: figures.untraced)
            let wall = clock(figures.wall, figures.wallVerdict, result.budgets?.wall(figures.stage), label: "wall", untraced: nil)
            stages[name] = StageBenchmarkReport.Stage(simulated_measures: figures.stage.simulatedMeaning, simulated: simulated, wall: wall)
        }
        let outcome = result.outcome
        let summary = outcome.summary
        return StageBenchmarkReport(
            scenario: outcome.scenario.name, seed: summary.seed, build: BuildIdentity.configuration, events: summary.deliveries,
            inputs: summary.inputs, orders: outcome.orders, sim_start: TimeUnits.iso8601(summary.startTime),
            sim_end: TimeUnits.iso8601(summary.endTime), stop_reason: summary.stopReason.rawValue, wall_seconds: outcome.wallSeconds, digest: summary.digestHex,
            decision_digest: summary.decisionDigestHex, budgets_ok: result.budgetsOK, violations: violations, clamped: result.clamped,
            stages: stages, stage_order: result.stages.map(\.stage.name))
    }
}
