/// What the closing fills realized, for the hit rate, the profit factor and the expectancy. A
/// closing fill is one that reduced or closed a position; its realized PnL is before fees.
public struct TradeTotals: Sendable, Equatable {
    /// Closing fills.
    public var closes: Int
    /// Closing fills that realized a gain.
    public var winningCloses: Int
    /// Σ realized PnL of the winning closing fills, in minor units (≥ 0).
    public var grossProfitMinorUnits: Int64
    /// Σ |realized PnL| of the losing closing fills, in minor units (≥ 0).
    public var grossLossMinorUnits: Int64

    public init(closes: Int = 0, winningCloses: Int = 0, grossProfitMinorUnits: Int64 = 0, grossLossMinorUnits: Int64 = 0) {
        precondition(winningCloses >= 0 && winningCloses <= closes, "winning closes are a subset of closes")
        precondition(grossProfitMinorUnits >= 0 && grossLossMinorUnits >= 0)
        self.closes = closes
        self.winningCloses = winningCloses
        self.grossProfitMinorUnits = grossProfitMinorUnits
        self.grossLossMinorUnits = grossLossMinorUnits
    }

    /// Counts one closing fill that realized `realizedMinorUnits` (before fees).
    mutating func recordClose(realizedMinorUnits realized: Int64) {
        closes += 1
        if realized > 0 { winningCloses += 1; grossProfitMinorUnits += realized }
        if realized < 0 { grossLossMinorUnits -= realized }
    }

    /// Winning closes ÷ closes. Nil without a close.
    public var hitRate: Double? { closes > 0 ? Double(winningCloses) / Double(closes) : nil }

    /// Gross profit ÷ gross loss. Nil without a losing close.
    public var profitFactor: Double? {
        grossLossMinorUnits > 0 ? Double(grossProfitMinorUnits) / Double(grossLossMinorUnits) : nil
    }

    /// (Gross profit − gross loss) ÷ closes: the realized PnL a closing fill brought on average,
    /// in minor units (hit rate × average win − (1 − hit rate) × average loss). Nil without a close.
    public var expectancyMinorUnits: Double? {
        closes > 0 ? (Double(grossProfitMinorUnits) - Double(grossLossMinorUnits)) / Double(closes) : nil
    }
}
