@testable import Actors
import Kernel
import Messages
import Testing

/// Which returns a run is measured on and the annualization factor that follows, for a one-day
/// intraday run, a five-day intraday run and a run of daily bars.
@Suite struct ReturnBasisTests {
    static let minute: DurationNanoseconds = 60_000_000_000
    static let day = TimeUnits.nanosecondsPerDay
    /// 2024-03-01T14:30:00Z, a Friday.
    static let friday: Timestamp = 1_709_303_400_000_000_000

    /// A curve with one sample at each of `times`, the equity rising by 1 minor unit a sample,
    /// falling back 3 on every seventh one.
    static func curve(times: [Timestamp], interval: DurationNanoseconds = minute) -> EquityCurve {
        var curve = EquityCurve(sampleIntervalNanoseconds: interval, initialEquityMinorUnits: 1_000_000, originTime: times[0] - interval)
        var equity: Int64 = 1_000_000
        for (index, time) in times.enumerated() {
            equity += index % 7 == 6 ? -3 : 1
            curve.append(equity, at: time)
        }
        return curve
    }

    /// One session of 390 one-minute samples: a single date, so per-sample returns ×√(252 × 390).
    @Test func oneDayRunIsMeasuredPerSample() {
        let curve = Self.curve(times: (1...390).map { Self.friday + UInt64($0) * Self.minute })
        let (basis, equities) = ReturnBasis.choose(for: curve, calendar: TradingCalendar())
        #expect(basis == ReturnBasis(kind: .perSample, horizonNanoseconds: Self.minute, periodsPerYear: 98_280, tradingDays: 1))
        #expect(basis.annualizationFactor == 98_280.0.squareRoot())
        #expect(equities == curve.samplesMinorUnits)
        let metrics = PerformanceMetrics.measure(curve: curve)
        let returns = PerformanceMetrics.simpleReturns(initialEquityMinorUnits: 1_000_000, equitySamplesMinorUnits: curve.samplesMinorUnits)
        #expect(metrics.returnCount == 390)
        #expect(metrics.sharpe == PerformanceMetrics.sharpe(of: returns).map { $0 * 98_280.0.squareRoot() })
        // A market that never closes, 365 days a year: 365 × 1,440 one-minute periods.
        let allDay = TradingCalendar(tradingDaysPerYear: 365, sessionNanoseconds: Self.day)
        #expect(ReturnBasis.choose(for: curve, calendar: allDay).basis.periodsPerYear == 365 * 1_440)
    }

    /// Friday to Thursday, 390 minutes a day, no data at the weekend: five trading days, five
    /// daily returns (the first from the initial equity), ×√252 whatever the session.
    @Test func fiveDayRunIsMeasuredOnDailyReturns() {
        let dates = [0, 3, 4, 5, 6].map { Self.friday + UInt64($0) * Self.day }  // Fri, Mon … Thu
        let times = dates.flatMap { open in (1...390).map { open + UInt64($0) * Self.minute } }
        let curve = Self.curve(times: times)
        let (basis, closes) = ReturnBasis.choose(for: curve, calendar: TradingCalendar())
        #expect(basis == ReturnBasis(kind: .daily, horizonNanoseconds: Self.day, periodsPerYear: 252, tradingDays: 5))
        #expect(basis.annualizationFactor == 252.0.squareRoot())
        #expect(closes == (1...5).map { curve.samplesMinorUnits[$0 * 390 - 1] })
        let metrics = PerformanceMetrics.measure(curve: curve, calendar: TradingCalendar(sessionNanoseconds: 24 * 3_600_000_000_000))
        let daily = PerformanceMetrics.simpleReturns(initialEquityMinorUnits: 1_000_000, equitySamplesMinorUnits: closes)
        #expect(metrics.returnCount == 5)
        #expect(metrics.basis.periodsPerYear == 252, "the session does not enter daily annualization")
        #expect(metrics.sharpe == PerformanceMetrics.sharpe(of: daily).map { $0 * 252.0.squareRoot() })
        #expect(metrics.cvar99 == ReturnStatistics.expectedShortfall(of: daily, tailFraction: 0.01))
    }

    /// Daily bars replayed as four quotes a day (open, high, low, close) on 60 weekdays: 60 daily
    /// returns ×√252, not √(252 × 4).
    @Test func dailyBarRunIsMeasuredOnDailyReturns() {
        let monday = Self.friday + 3 * Self.day
        let weekdays = (0..<84).filter { $0 % 7 < 5 }.prefix(60)
        let times = weekdays.flatMap { day in [0, 2, 4, 6].map { monday + UInt64(day) * Self.day + UInt64($0) * 3_600_000_000_000 } }
        let curve = Self.curve(times: times, interval: 3_600_000_000_000)
        let metrics = PerformanceMetrics.measure(curve: curve, calendar: TradingCalendar(tradingDaysPerYear: 250))
        #expect(metrics.basis == ReturnBasis(kind: .daily, horizonNanoseconds: Self.day, periodsPerYear: 250, tradingDays: 60))
        #expect(metrics.returnCount == 60)
    }

    /// A fill on Saturday (a resting order against Friday's last quote) belongs to Friday: Friday,
    /// Saturday and Monday are two trading days, Friday's close is Saturday's equity. A calendar
    /// that trades on weekends makes them three.
    @Test func weekendSamplesBelongToTheFridayBefore() {
        let times = [Self.friday + 60 * Self.minute, Self.friday + Self.day + 60 * Self.minute, Self.friday + 3 * Self.day + 60 * Self.minute]
        var curve = EquityCurve(sampleIntervalNanoseconds: Self.minute, initialEquityMinorUnits: 1_000, originTime: Self.friday)
        for (time, equity) in zip(times, [1_010, 1_009, 1_020] as [Int64]) { curve.append(equity, at: time) }
        let (basis, closes) = ReturnBasis.choose(for: curve, calendar: TradingCalendar())
        #expect(basis.kind == .daily && basis.tradingDays == 2)
        #expect(closes == [1_009, 1_020])
        let allWeek = ReturnBasis.choose(for: curve, calendar: TradingCalendar(tradingDaysPerYear: 365, tradesOnWeekends: true))
        #expect(allWeek.basis.tradingDays == 3 && allWeek.basis.periodsPerYear == 365)
        #expect(allWeek.equitiesMinorUnits == [1_010, 1_009, 1_020])
        // Days since 1970-01-01: 2024-03-01 is day 19,783 (a Friday); its Saturday and Sunday map to it.
        #expect(TradingCalendar().tradingDay(of: Self.friday) == 19_783)
        #expect(TradingCalendar().tradingDay(of: Self.friday + 2 * Self.day) == 19_783)
        #expect(TradingCalendar().tradingDay(of: Self.friday + 3 * Self.day) == 19_786)
    }

    /// Peak 1,010 at minute 2, below it until minute 5 (3 minutes); peak 1,020 at minute 6, then
    /// below it to the end at minute 10 (4 minutes, never recovered): the longest is 4 minutes.
    @Test func longestUnderwaterPeriod() {
        var curve = EquityCurve(sampleIntervalNanoseconds: Self.minute, initialEquityMinorUnits: 1_000, originTime: 0)
        for (minute, equity) in [(1, 1_005), (2, 1_010), (3, 990), (4, 1_000), (5, 1_010), (6, 1_020), (8, 1_000), (10, 1_015)] as [(UInt64, Int64)] {
            curve.append(equity, at: minute * Self.minute)
        }
        #expect(curve.longestUnderwaterNanoseconds == 4 * Self.minute)
        #expect(PerformanceMetrics.measure(curve: curve).longestUnderwaterNanoseconds == 4 * Self.minute)
        var rising = EquityCurve(sampleIntervalNanoseconds: Self.minute, initialEquityMinorUnits: 1_000, originTime: 0)
        for minute in 1...5 { rising.append(1_000 + Int64(minute), at: UInt64(minute) * Self.minute) }
        #expect(rising.longestUnderwaterNanoseconds == 0, "never below a peak")
    }
}
