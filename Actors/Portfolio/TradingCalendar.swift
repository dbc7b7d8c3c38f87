import Kernel

/// What a year of trading is, for annualizing a run's ratios: how many trading days it has and
/// how long one day's session lasts. The scenario's `metrics:` section sets it; the defaults are
/// the US equity year the feeds' drift and volatility are quoted in (252 sessions of 6 h 30 min).
public struct TradingCalendar: Sendable, Equatable {
    public var tradingDaysPerYear: Double
    public var sessionNanoseconds: DurationNanoseconds

    public static let defaultTradingDaysPerYear = 252.0
    public static let defaultSessionNanoseconds: DurationNanoseconds = 23_400 * 1_000_000_000

    public init(tradingDaysPerYear: Double = TradingCalendar.defaultTradingDaysPerYear,
                sessionNanoseconds: DurationNanoseconds = TradingCalendar.defaultSessionNanoseconds) {
        precondition(tradingDaysPerYear > 0 && sessionNanoseconds > 0, "a trading year needs days and sessions")
        self.tradingDaysPerYear = tradingDaysPerYear
        self.sessionNanoseconds = sessionNanoseconds
    }

    /// Periods of `periodNanoseconds` of trading time in a year: days per year × session ÷ period.
    public func periodsPerYear(periodNanoseconds: DurationNanoseconds) -> Double {
        precondition(periodNanoseconds > 0)
        return tradingDaysPerYear * Double(sessionNanoseconds) / Double(periodNanoseconds)
    }
}
