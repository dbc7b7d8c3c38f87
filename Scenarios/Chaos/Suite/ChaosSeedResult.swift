import ScenarioFaults

/// One seed of a chaos suite: its plan, what fired, and what broke.
public struct ChaosSeedResult: Codable, Sendable {
    public var seed: UInt64
    public var plan: ChaosPlan
    public var violations: [InvariantOracle.Violation]
    /// Fault starts admitted, by fault name.
    public var faults_fired: [String: UInt64]
    /// Planned faults whose start was admitted: all of them, unless an explicit plan (`--plan`)
    /// reaches past the run's end.
    public var faults_ran: Int
    public var events: UInt64
    public var wall_seconds: Double
    /// The run's log (kept when it failed).
    public var log: String?

    public var failed: Bool { !violations.isEmpty }
    public var faultsPlanned: Int { plan.faults.count }
}
