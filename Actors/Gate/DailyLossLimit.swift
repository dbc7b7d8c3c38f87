import Kernel
import Messages

/// The gate's daily loss limit, beside the drawdown kill switch: when the equity falls by
/// `fraction` of what it was when the trading day began, new risk stops for the rest of the day
/// (reductions still pass); the next day's start lifts it. A day begins at each session's open
/// (the sessions of the universe's first instrument that has them), or at each UTC midnight
/// without sessions; its starting equity is the book's before the first event at or after that
/// instant.
struct DailyLossLimit: Sendable {
    var fraction: Double
    let sessions: TradingSessions?
    /// Equity when the current day began.
    private(set) var dayStartEquityMinorUnits: Int64 = 0
    /// When the current day's measure restarts (0 before the first event).
    private(set) var dayEnd: Timestamp = 0
    private(set) var stopped = false
    /// Days on which the limit stopped new risk.
    private(set) var stops = 0

    init(fraction: Double, sessions: TradingSessions?) {
        self.fraction = fraction
        self.sessions = sessions
    }

    /// Begins a new day when `time` has reached the current one's end: the equity now is the
    /// day's start, and a stop is lifted. Returns true when it lifted one.
    mutating func roll(at time: Timestamp, equityMinorUnits: Int64) -> Bool {
        guard time >= dayEnd else { return false }
        dayStartEquityMinorUnits = equityMinorUnits
        if let sessions {
            dayEnd = sessions.nextOpen(after: time) ?? .max
        } else {
            let day = time / TimeUnits.nanosecondsPerDay
            dayEnd = day >= UInt64.max / TimeUnits.nanosecondsPerDay - 1 ? .max : (day + 1) * TimeUnits.nanosecondsPerDay
        }
        defer { stopped = false }
        return stopped
    }

    /// Stops new risk when the day's loss reaches the limit. Returns true when it has just stopped.
    mutating func check(equityMinorUnits: Int64) -> Bool {
        guard !stopped, dayStartEquityMinorUnits > 0 else { return false }
        let loss = Double(dayStartEquityMinorUnits - equityMinorUnits) / Double(dayStartEquityMinorUnits)
        guard loss >= fraction else { return false }
        stopped = true
        stops += 1
        return true
    }
}
