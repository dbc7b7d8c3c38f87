import ScenarioDefinition
import ScenarioRunning
/// What one run of a sweep produced: the figures the sweep's table is made of, as the run's own
/// report gives them (``RunReport``; docs/metrics.md). No wall time: the same sweep writes the
/// same results.
public struct SweepRunResult: Sendable, Codable, Equatable {
    /// Position in the sweep (``SweepGrid/run(_:)``), grid point and seed.
    public var run: Int
    public var point: Int
    public var seed: UInt64
    /// PnL in the account currency, as the report prints it.
    public var pnl: String
    public var final_equity: String
    public var sharpe: Double?
    public var sortino: Double?
    /// Deflated for the sweep's grid points as trials (``SweepRunner``).
    public var deflated_sharpe: Double?
    public var calmar: Double?
    public var max_drawdown: Double
    public var cvar_99: Double?
    public var hit_rate: Double?
    public var profit_factor: Double?
    public var orders: Int
    public var fills: Int
    public var kill_switch_engaged: Bool
    public var stop_reason: String
    public var digest: String
    public var decision_digest: String
    /// The run's 95 % bootstrap intervals, when the sweep asked for them (`--bootstrap N`).
    public var bootstrap: BootstrapFigures?

    public init(run: Int, point: Int, seed: UInt64, report: RunReport) {
        self.run = run
        self.point = point
        self.seed = seed
        pnl = report.pnl
        final_equity = report.final_equity
        sharpe = report.sharpe
        sortino = report.sortino
        deflated_sharpe = report.deflated_sharpe
        calmar = report.calmar
        max_drawdown = report.max_drawdown
        cvar_99 = report.cvar_99
        hit_rate = report.hit_rate
        profit_factor = report.profit_factor
        orders = report.orders
        fills = report.fills
        kill_switch_engaged = report.kill_switch_engaged
        stop_reason = report.stop_reason
        digest = report.digest
        decision_digest = report.decision_digest
        bootstrap = report.bootstrap
    }

    /// PnL as a number (the report's decimal string).
    public var pnlValue: Double { Double(pnl) ?? 0 }
}
