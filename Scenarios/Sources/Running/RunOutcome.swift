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
    /// The blender's figures, when the scenario has one.
    public var blender: BlenderFigures?

    public var wallSeconds: Double { Double(wallNanoseconds) / 1e9 }
    public var eventsPerSecond: Double { Double(summary.deliveries) / wallSeconds }
}

/// What the blender did.
public struct BlenderFigures: Sendable, Codable, Equatable {
    public var forecasts: Int
    public var expectedCalibrationError: Double?
    public var oneSigmaCoverage: Double?
    public var scored: Int
    /// Regime-1 weights by agent id − 1.
    public var weights: [Double]

    enum CodingKeys: String, CodingKey {
        case forecasts, scored, weights
        case expectedCalibrationError = "ece"
        case oneSigmaCoverage = "one_sigma_coverage"
    }
}
