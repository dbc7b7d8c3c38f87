import Kernel
import Messages

/// The account's equity sampled on a fixed time grid, in exact minor units.
///
/// The grid starts at ``originTime`` (the run's start) and has one point every
/// ``sampleIntervalNanoseconds``. The portfolio samples a grid point only when a quote or a fill
/// arrived since the previous sample: equity can only change on those events, so a quiet stretch
/// (a night, a weekend, the tail after the last input) adds no samples. That keeps the curve's
/// returns trading-time returns and its dates trading days (``ReturnBasis``), and it lets a run
/// without an end time finish (a timer that re-armed itself forever never would).
///
/// The last sample may lie off the grid: the runner's final sample at the end of the run.
public struct EquityCurve: Sendable, Equatable {
    /// Distance between two grid points.
    public let sampleIntervalNanoseconds: DurationNanoseconds
    /// The first grid point: equity is ``initialEquityMinorUnits`` there, by definition.
    public private(set) var originTime: Timestamp
    /// Equity before any fill: the starting point of the first return.
    public let initialEquityMinorUnits: Int64
    /// Equity at each sample, oldest first.
    public private(set) var samplesMinorUnits: [Int64]
    /// When each sample was taken: strictly increasing, same count as ``samplesMinorUnits``.
    public private(set) var sampleTimes: [Timestamp]

    /// - Parameter expectedSampleCount: storage reserved up front so that sampling does not
    ///   allocate during the run (a longer run still works; it grows by doubling).
    public init(sampleIntervalNanoseconds: DurationNanoseconds, initialEquityMinorUnits: Int64,
                originTime: Timestamp = 0, expectedSampleCount: Int = 4_096) {
        precondition(sampleIntervalNanoseconds > 0, "an equity curve needs a positive sample interval")
        precondition(expectedSampleCount >= 0)
        self.sampleIntervalNanoseconds = sampleIntervalNanoseconds
        self.initialEquityMinorUnits = initialEquityMinorUnits
        self.originTime = originTime
        samplesMinorUnits = []
        samplesMinorUnits.reserveCapacity(expectedSampleCount)
        sampleTimes = []
        sampleTimes.reserveCapacity(expectedSampleCount)
    }

    /// Number of samples (the initial equity is not one).
    public var count: Int { samplesMinorUnits.count }

    public var isEmpty: Bool { samplesMinorUnits.isEmpty }

    /// The latest sampled equity, or the initial equity before the first sample.
    public var lastEquityMinorUnits: Int64 { samplesMinorUnits.last ?? initialEquityMinorUnits }

    /// The time of the latest sample, or the origin before the first sample.
    public var lastSampleTime: Timestamp { sampleTimes.last ?? originTime }

    /// The first grid point strictly after `time`.
    /// - Complexity: O(1): arithmetic, however long the quiet stretch before `time` was.
    public func nextGridTime(after time: Timestamp) -> Timestamp {
        guard time >= originTime else { return originTime + sampleIntervalNanoseconds }
        let elapsedIntervals = (time - originTime) / sampleIntervalNanoseconds
        return originTime + (elapsedIntervals + 1) * sampleIntervalNanoseconds
    }

    /// The longest time the equity spent under water: from a peak (the initial equity at the
    /// origin, or a sample at or above every earlier one) to the first later sample back at or
    /// above it, or to the last sample if it never got back. Simulated time, nights and weekends
    /// included. 0 when the equity never fell below a peak.
    public var longestUnderwaterNanoseconds: DurationNanoseconds {
        var peak = initialEquityMinorUnits
        var peakTime = originTime
        var underwater = false
        var longest: DurationNanoseconds = 0
        for (time, equity) in zip(sampleTimes, samplesMinorUnits) {
            if equity >= peak {
                if underwater { longest = max(longest, time - peakTime) }
                underwater = false
                peak = equity
                peakTime = time
            } else {
                underwater = true
            }
        }
        if underwater { longest = max(longest, lastSampleTime - peakTime) }
        return longest
    }

    /// Moves the grid's origin (the portfolio calls this at its start time, which in live mode is
    /// only known when the run begins). Only before the first sample.
    mutating func setOrigin(_ time: Timestamp) {
        precondition(samplesMinorUnits.isEmpty, "the origin of an equity curve is fixed once sampling began")
        originTime = time
    }

    /// Appends a sample.
    /// - Complexity: O(1) amortized; no allocation while within the reserved capacity.
    mutating func append(_ equityMinorUnits: Int64, at time: Timestamp) {
        precondition(time > lastSampleTime || (samplesMinorUnits.isEmpty && time >= originTime),
                     "equity samples must move forward in time")
        samplesMinorUnits.append(equityMinorUnits)
        sampleTimes.append(time)
    }

    /// Replaces the latest sample's equity (a final sample taken at the same instant as a grid
    /// sample, after later events of that instant changed the equity).
    mutating func replaceLast(_ equityMinorUnits: Int64) {
        precondition(!samplesMinorUnits.isEmpty)
        samplesMinorUnits[samplesMinorUnits.count - 1] = equityMinorUnits
    }
}
