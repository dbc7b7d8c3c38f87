import Actors
import Kernel
import Messages

/// The time series behind the HTML report: equity, marks, fills, latencies.
public struct RunSeries: Sendable {
    public var symbols: [String]
    public var pricePrecision: [Int]
    public var initialEquityMinorUnits: Int64
    public var sampleTimes: [Timestamp]
    public var equityMinorUnits: [Int64]
    /// Per sample, every symbol's mark.
    public var marks: MarkSamples
    /// The fills drawn on the price paths (thinned on long runs) and the exact count per symbol.
    public var fills: ChartFills
    /// Order send → fill report of the routed fills, simulated nanoseconds by power of two
    /// (execution side only; empty otherwise).
    public var fillLatencyNanoseconds: PowerOfTwoHistogram
    /// Order send → acknowledgement of the acknowledged orders, simulated nanoseconds by power of
    /// two (execution side only; empty otherwise).
    public var ackLatencyNanoseconds: PowerOfTwoHistogram
}
