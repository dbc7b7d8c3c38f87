import Kernel
import Messages
import ScenarioDefinition

/// `metronome bench FILE --report-json`: the run, and per stage its simulated and wall latency
/// distributions against the scenario's budgets (field by field in docs/performance.md).
public struct StageBenchmarkReport: Codable, Sendable {
    /// A budget as JSON: the limits given, in nanoseconds (absent ones left out).
    public struct Budget: Codable, Sendable, Equatable {
        public var p50_ns: UInt64?
        public var p99_ns: UInt64?
        public var p999_ns: UInt64?
        public var max_ns: UInt64?

        init(_ budget: PercentileBudget) {
            p50_ns = budget.p50Nanoseconds
            p99_ns = budget.p99Nanoseconds
            p999_ns = budget.p999Nanoseconds
            max_ns = budget.maxNanoseconds
        }
    }

    /// One stage on one clock.
    public struct Clock: Codable, Sendable {
        public var count: UInt64
        public var p50_ns: UInt64
        public var p99_ns: UInt64
        public var p999_ns: UInt64
        public var max_ns: UInt64
        public var budget: Budget?
        /// `ok`, `exceeded`, `no_samples` (a budget but nothing measured) or `unbudgeted`.
        public var status: BudgetVerdict.Status
        /// Simulated only: outputs whose starting point had left the meter's tables (not recorded).
        public var untraced: UInt64?
        /// Counts by power of two of nanoseconds: [0], [1, 2), [2, 4), …
        public var log2_buckets: [UInt64]
    }

    public struct Stage: Codable, Sendable {
        /// What the simulated figure measures for this stage.
        public var simulated_measures: String
        public var simulated: Clock
        public var wall: Clock
    }

    /// A budgeted percentile that was exceeded.
    public struct Violation: Codable, Sendable, Equatable {
        public var stage: String
        /// `simulated` or `wall`.
        public var clock: String
        /// `p50`, `p99`, `p999` or `max`.
        public var percentile: String
        public var measured_ns: UInt64
        public var budget_ns: UInt64
    }

    public var benchmark = "stages"
    public var scenario: String
    public var seed: UInt64
    public var build: String
    public var events: UInt64
    public var inputs: UInt64
    public var orders: Int
    public var sim_start: String
    public var sim_end: String
    /// Why the run ended: `end_time`, `exhausted`, `stop_requested` (Ctrl-C), … as in the run report.
    public var stop_reason: String
    /// Wall time of the measured run (the meter's own cost included).
    public var wall_seconds: Double
    public var digest: String
    public var decision_digest: String
    /// True when no budgeted percentile was exceeded (also true without budgets).
    public var budgets_ok: Bool
    public var violations: [Violation]
    /// Values beyond a histogram's range (1 h wall, 30 days simulated), recorded at its top.
    public var clamped: UInt64
    /// By stage name: `feeds` … `portfolio`, and `tick_to_order`; only the scenario's stages.
    public var stages: [String: Stage]
    /// The stage names in flow order (JSON objects have no order).
    public var stage_order: [String]
}
