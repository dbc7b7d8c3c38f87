#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages

/// One symbol's state in the ``EMACrossAgent``: the two averages of the mid, the EWMA of squared
/// one-tick log returns, and what the next quote needs of this one. One value per symbol, so a
/// quote updates one array element instead of seven (each write to an actor's array checks its
/// uniqueness).
struct EMACrossState: Sendable {
    var fast = 0.0
    var slow = 0.0
    var variance = 0.0
    var lastMid = 0.0
    var lastQuoteTime: Timestamp = 0
    /// `horizonTicks` times the last gap between two quotes.
    var horizonNanoseconds: DurationNanoseconds = 0
    /// Quotes absorbed.
    var seen = 0

    /// Takes one quote's mid at `time`.
    mutating func absorb(mid: Double, time: Timestamp, fastWeight: Double, slowWeight: Double, horizonTicks: Int) {
        if seen == 0 {
            fast = mid
            slow = mid
        } else {
            let logReturn = log(mid / lastMid)
            variance += slowWeight * (logReturn * logReturn - variance)
            fast += fastWeight * (mid - fast)
            slow += slowWeight * (mid - slow)
            if time > lastQuoteTime {
                // Saturating: a long gap between quotes times many ticks is a horizon beyond any run, not a trap.
                let (horizon, overflow) = (time - lastQuoteTime).multipliedReportingOverflow(by: UInt64(horizonTicks))
                horizonNanoseconds = overflow ? .max : horizon
            }
        }
        lastMid = mid
        lastQuoteTime = time
        seen += 1
    }
}
