import Kernel
import Messages

/// Samples every symbol's log-mid return on a fixed time grid, synchronously: a sample is taken
/// from the mids *before* the first quote at or after the due time, so every symbol's mid belongs
/// to the same instant (quotes of one instant arrive one symbol after another).
public struct IntervalSampler: Sendable {
    public let intervalNanoseconds: DurationNanoseconds
    private var logMids: [Double?]
    private var lastSample: [Double?]
    private var nextSample: Timestamp?

    public init(symbolCount: Int, intervalNanoseconds: DurationNanoseconds) {
        precondition(intervalNanoseconds > 0)
        self.intervalNanoseconds = intervalNanoseconds
        logMids = Array(repeating: nil, count: symbolCount)
        lastSample = Array(repeating: nil, count: symbolCount)
    }

    /// Records a new mid; returns every symbol's return since the previous sample when a sample
    /// falls due with this quote, nil otherwise.
    public mutating func observe(symbol: Int, logMid: Double, time: Timestamp) -> [Double]? {
        var returns: [Double]?
        if let due = nextSample, time >= due {
            nextSample = due + intervalNanoseconds * ((time - due) / intervalNanoseconds + 1)
            returns = logMids.indices.map { logMids[$0]! - lastSample[$0]! }
            lastSample = logMids
        }
        logMids[symbol] = logMid
        if nextSample == nil, logMids.allSatisfy({ $0 != nil }) {
            nextSample = time + intervalNanoseconds
            lastSample = logMids
        }
        return returns
    }
}
