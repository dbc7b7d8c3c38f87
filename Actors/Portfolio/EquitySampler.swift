import Kernel
import Messages

/// When the portfolio samples its equity, and what it keeps of each sample: the equity curve and
/// every symbol's mark at the same instants (for the report's price paths).
///
/// A grid point is sampled only if a quote or a fill arrived since the last sample, and a
/// sampling timer is pending only while that is so: a quiet run ends instead of ticking on. The
/// sampler owns no clock; the portfolio passes the time and arms the timer it asks for.
struct EquitySampler: Sendable {
    private(set) var curve: EquityCurve
    /// Every symbol's mark at each sample, in the curve's order.
    private(set) var markSamples: MarkSamples
    /// A sampling timer is scheduled and has not fired yet.
    private var timerArmed = false
    /// A quote or fill arrived since the last sample: only then can equity have changed.
    private var activitySinceSample = false

    init(curve: EquityCurve, symbolCount: Int) {
        self.curve = curve
        markSamples = MarkSamples(symbolCount: symbolCount)
    }

    /// Moves the curve's grid to start at `time` (before the first sample).
    mutating func setOrigin(_ time: Timestamp) {
        curve.setOrigin(time)
    }

    /// Notes a quote or a fill at `now`.
    /// - Returns: the grid time to arm the sampling timer at, or nil when one is already armed.
    /// - Complexity: O(1).
    mutating func noteActivity(at now: Timestamp) -> Timestamp? {
        activitySinceSample = true
        guard !timerArmed else { return nil }
        timerArmed = true
        return curve.nextGridTime(after: now)
    }

    /// The sampling timer fired: samples if anything happened since the last sample.
    mutating func sampleOnTimer(equityMinorUnits: Int64, marks: [Int64], at now: Timestamp) {
        timerArmed = false
        // After a final sample the pending timer has nothing new to record.
        guard activitySinceSample else { return }
        curve.append(equityMinorUnits, at: now)
        markSamples.append(marks)
        activitySinceSample = false
    }

    /// Samples now if anything happened since the last sample, so the curve ends at the run's
    /// final equity; a sample already taken at `now` is replaced. Idempotent.
    mutating func recordFinalSample(equityMinorUnits: Int64, marks: [Int64], at now: Timestamp) {
        guard activitySinceSample else { return }
        if !curve.isEmpty && curve.lastSampleTime == now {
            curve.replaceLast(equityMinorUnits)
            if !markSamples.isEmpty { markSamples.replaceLast(marks) }
        } else {
            curve.append(equityMinorUnits, at: now)
            markSamples.append(marks)
        }
        activitySinceSample = false
    }
}
