import Actors
import Kernel

/// The time series behind the HTML report: equity, marks, fills, latencies, decisions.
public struct RunSeries: Sendable {
    public var symbols: [String]
    public var pricePrecision: [Int]
    public var initialEquityMinorUnits: Int64
    public var sampleTimes: [Timestamp]
    public var equityMinorUnits: [Int64]
    /// Per sample, every symbol's mark.
    public var marks: [[Int64]]
    public var fills: [FillPoint]
    /// Order send → fill report, per fill, simulated nanoseconds (execution side only).
    public var fillLatenciesNanoseconds: [UInt64]
    /// Order send → acknowledgement of the acknowledged orders, simulated nanoseconds by power of
    /// two (execution side only; empty otherwise).
    public var ackLatencyNanoseconds: Log2Histogram
    /// Per deciding component (trader or sizer, selector), the forecast shares behind each decision.
    public var decisions: [[DecisionShares]]
}
