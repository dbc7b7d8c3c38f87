import Kernel
import Messages

/// Which returns a run's ratios are computed on, and how they are annualized.
///
/// A run whose equity curve has samples on two or more dates is measured on **daily** returns —
/// each date's last equity against the previous date's (the first against the initial equity) —
/// annualized by √(trading days per year). A shorter run has a single daily return, so it is
/// measured on its **per-sample** returns, annualized by √(trading days per year × session ÷
/// sample interval). Trading days are UTC dates with at least one equity sample — the curve samples
/// only after a quote or a fill, so a holiday without data is not a day — and, unless the calendar
/// trades on weekends, a Saturday's or a Sunday's samples belong to the Friday before.
public struct ReturnBasis: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case daily
        case perSample = "per_sample"
    }

    public var kind: Kind
    /// The span one return covers: a day for daily returns, the curve's sample interval otherwise.
    public var horizonNanoseconds: DurationNanoseconds
    /// Returns per year: what the mean and the deviation are scaled by.
    public var periodsPerYear: Double
    /// Trading days with at least one equity sample.
    public var tradingDays: Int

    public init(kind: Kind, horizonNanoseconds: DurationNanoseconds, periodsPerYear: Double, tradingDays: Int) {
        precondition(horizonNanoseconds > 0 && periodsPerYear > 0)
        self.kind = kind
        self.horizonNanoseconds = horizonNanoseconds
        self.periodsPerYear = periodsPerYear
        self.tradingDays = tradingDays
    }

    /// √(returns per year): multiplies a per-period Sharpe or Sortino ratio.
    public var annualizationFactor: Double { periodsPerYear.squareRoot() }


    /// The basis for `curve` under `calendar`, and the equities its returns run through (the
    /// daily closes, or every sample), oldest first; the initial equity precedes them.
    public static func choose(for curve: EquityCurve, calendar: TradingCalendar) -> (basis: ReturnBasis, equitiesMinorUnits: [Int64]) {
        let closes = dailyCloses(of: curve, calendar: calendar)
        if closes.count >= 2 {
            return (ReturnBasis(kind: .daily, horizonNanoseconds: TimeUnits.nanosecondsPerDay, periodsPerYear: calendar.tradingDaysPerYear,
                                tradingDays: closes.count), closes)
        }
        let interval = curve.sampleIntervalNanoseconds
        return (ReturnBasis(kind: .perSample, horizonNanoseconds: interval,
                            periodsPerYear: calendar.periodsPerYear(periodNanoseconds: interval), tradingDays: closes.count),
                curve.samplesMinorUnits)
    }

    /// The last equity sample of each trading day (``TradingCalendar/tradingDay(of:)``), oldest first.
    public static func dailyCloses(of curve: EquityCurve, calendar: TradingCalendar) -> [Int64] {
        dailyCloses(sampleTimes: curve.sampleTimes, equitiesMinorUnits: curve.samplesMinorUnits, calendar: calendar)
    }

    /// The same for equity samples taken at `sampleTimes`.
    public static func dailyCloses(sampleTimes: [Timestamp], equitiesMinorUnits: [Int64], calendar: TradingCalendar) -> [Int64] {
        var closes: [Int64] = []
        var lastDay: UInt64?
        for (time, equity) in zip(sampleTimes, equitiesMinorUnits) {
            let day = calendar.tradingDay(of: time)
            if day == lastDay {
                closes[closes.count - 1] = equity
            } else {
                closes.append(equity)
                lastDay = day
            }
        }
        return closes
    }
}
