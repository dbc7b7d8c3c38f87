import Kernel
import Messages

/// What a year of trading is, for annualizing a run's ratios: how many trading days it has, how
/// long one day's session lasts and whether Saturdays and Sundays are trading days. The scenario's
/// `metrics:` section sets it; the defaults are the US equity year the feeds' drift and volatility
/// are quoted in (252 sessions of 6 h 30 min, Monday to Friday).
public struct TradingCalendar: Sendable, Equatable {
    public var tradingDaysPerYear: Double
    public var sessionNanoseconds: DurationNanoseconds
    /// False: an equity sample on a Saturday or a Sunday (a venue filling a resting order against
    /// Friday's quote, say) belongs to the Friday before. True for a market that never closes.
    public var tradesOnWeekends: Bool
    /// The instruments' sessions, when the scenario declares them: a time then belongs to the
    /// trading day of the last session opened at or before it (weekends and holidays have no
    /// session, so they fold into the day before), whatever `tradesOnWeekends` says.
    public var sessions: TradingSessions?

    public static let defaultTradingDaysPerYear = 252.0
    public static let defaultSessionNanoseconds: DurationNanoseconds = 23_400 * 1_000_000_000

    public init(tradingDaysPerYear: Double = TradingCalendar.defaultTradingDaysPerYear,
                sessionNanoseconds: DurationNanoseconds = TradingCalendar.defaultSessionNanoseconds, tradesOnWeekends: Bool = false) {
        precondition(tradingDaysPerYear > 0 && sessionNanoseconds > 0, "a trading year needs days and sessions")
        self.tradingDaysPerYear = tradingDaysPerYear
        self.sessionNanoseconds = sessionNanoseconds
        self.tradesOnWeekends = tradesOnWeekends
    }

    /// The trading day a time belongs to, as days since 1970-01-01 (a Thursday): its session's
    /// trading day when there are sessions; else its own UTC date, or without weekend trading, the
    /// Friday before a Saturday or a Sunday.
    public func tradingDay(of time: Timestamp) -> UInt64 {
        if let sessions { return sessions.tradingDay(of: time) }
        let date = time / TimeUnits.nanosecondsPerDay
        guard !tradesOnWeekends else { return date }
        switch (date + 4) % 7 {  // 0 Sunday … 6 Saturday
        case 6: return date >= 1 ? date - 1 : date
        case 0: return date >= 2 ? date - 2 : date
        default: return date
        }
    }

    /// Periods of `periodNanoseconds` of trading time in a year: days per year × session ÷ period.
    public func periodsPerYear(periodNanoseconds: DurationNanoseconds) -> Double {
        precondition(periodNanoseconds > 0)
        return tradingDaysPerYear * Double(sessionNanoseconds) / Double(periodNanoseconds)
    }
}
