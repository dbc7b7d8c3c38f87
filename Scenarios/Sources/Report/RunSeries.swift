import Actors
import Kernel

/// The time series behind the HTML report: equity, marks, fills, latencies.
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
}
