import Kernel

/// Everything a finished run reports.
public struct RunOutcome: Sendable {
    public var scenario: Scenario
    public var summary: RunSummary
    public var wallNanoseconds: Int64
    public var portfolio: PortfolioFigures
    public var orders: Int
    public var signals: Int
    /// What the journal writer did, when the run was recorded.
    public var journal: JournalWriter.Statistics?
    /// Ticks the input defense refused, by reason (every reason listed, in name order).
    public var quarantined: [(reason: String, count: Int)] = []

    public var wallSeconds: Double { Double(wallNanoseconds) / 1e9 }
    public var eventsPerSecond: Double { Double(summary.deliveries) / wallSeconds }
}
