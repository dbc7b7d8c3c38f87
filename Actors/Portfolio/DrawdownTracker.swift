/// The equity's peak and the deepest fall from it, observed on every fill and mark (not only on
/// the equity curve's samples), in minor units and as a fraction of the peak.
struct DrawdownTracker: Sendable {
    private(set) var peakEquityMinorUnits: Int64
    private(set) var maximumDrawdownMinorUnits: Int64 = 0
    /// The largest (peak − equity) / peak observed.
    private(set) var maximumDrawdownFraction: Double = 0

    init(initialEquityMinorUnits: Int64) {
        peakEquityMinorUnits = initialEquityMinorUnits
    }

    /// - Complexity: O(1).
    mutating func observe(equityMinorUnits equity: Int64) {
        if equity > peakEquityMinorUnits { peakEquityMinorUnits = equity }
        maximumDrawdownMinorUnits = max(maximumDrawdownMinorUnits, peakEquityMinorUnits - equity)
        if peakEquityMinorUnits > 0 {
            maximumDrawdownFraction = max(maximumDrawdownFraction, Double(peakEquityMinorUnits - equity) / Double(peakEquityMinorUnits))
        }
    }
}
