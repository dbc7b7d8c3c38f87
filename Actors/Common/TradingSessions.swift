import Kernel
import Messages

/// When an instrument trades: its sessions as UTC intervals `[open, close)`, in time order, each
/// with the trading day it belongs to — built once from the scenario's `session:` and `holidays:`
/// (local times in a named zone, converted when the scenario is loaded), so that a run only
/// compares integers.
///
/// What reads it: the stale guards count only session time in a quote's age (an overnight or
/// weekend gap is no staleness), the selector chooses no slate while every market is closed, the
/// daily metrics and the gate's daily loss limit take their days from it.
public struct TradingSessions: Sendable, Equatable {
    /// Session opens, ascending.
    public let opens: [Timestamp]
    /// Session closes: `closes[i] > opens[i]`, and `closes[i] <= opens[i + 1]`.
    public let closes: [Timestamp]
    /// The trading day of each session, as days since 1970-01-01: the local date it closes on.
    public let days: [UInt64]

    public init(opens: [Timestamp], closes: [Timestamp], days: [UInt64]) {
        precondition(opens.count == closes.count && opens.count == days.count, "one open, close and day per session")
        for index in opens.indices {
            precondition(opens[index] < closes[index], "a session closes after it opens")
            precondition(index == 0 || closes[index - 1] <= opens[index], "sessions in time order, not overlapping")
        }
        self.opens = opens
        self.closes = closes
        self.days = days
    }

    /// The index of the last session opened at or before `time`, or nil before the first.
    /// - Complexity: O(log sessions).
    public func lastOpened(atOrBefore time: Timestamp) -> Int? {
        var low = 0
        var high = opens.count
        while low < high {
            let middle = (low + high) / 2
            if opens[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }

    /// True when `time` falls inside a session.
    public func isOpen(at time: Timestamp) -> Bool {
        guard let index = lastOpened(atOrBefore: time) else { return false }
        return time < closes[index]
    }

    /// True when more than `limit` nanoseconds of session time lie between `from` and `to`: time
    /// outside the sessions does not count. Stops counting as soon as the limit is passed.
    /// - Complexity: O(log sessions + the sessions counted).
    public func sessionTime(from: Timestamp, to: Timestamp, exceeds limit: DurationNanoseconds) -> Bool {
        guard to > from else { return false }
        var index = lastOpened(atOrBefore: from) ?? 0
        var total: UInt64 = 0
        while index < opens.count, opens[index] < to {
            let start = max(opens[index], from)
            let end = min(closes[index], to)
            if end > start {
                total += end - start
                if total > limit { return true }
            }
            index += 1
        }
        return false
    }

    /// True when a quote stamped `quoteTime` is older than `limit` at `time`: every second counts
    /// without `sessions`, only session time with them (``sessionTime(from:to:exceeds:)``).
    @inline(__always)
    public static func isStale(quoteTime: Timestamp, at time: Timestamp, after limit: DurationNanoseconds,
                               sessions: TradingSessions?) -> Bool {
        guard time > quoteTime else { return false }
        guard let sessions else { return time - quoteTime > limit }
        return sessions.sessionTime(from: quoteTime, to: time, exceeds: limit)
    }

    /// The trading day `time` belongs to: that of the last session opened at or before it (after
    /// the close, until the next open, the day that closed); before the first session, the UTC date.
    public func tradingDay(of time: Timestamp) -> UInt64 {
        lastOpened(atOrBefore: time).map { days[$0] } ?? time / TimeUnits.nanosecondsPerDay
    }

    /// The open of the first session after `time` (nil after the last): when a day's measures
    /// restart.
    public func nextOpen(after time: Timestamp) -> Timestamp? {
        let index = (lastOpened(atOrBefore: time) ?? -1) + 1
        return index < opens.count ? opens[index] : nil
    }
}
