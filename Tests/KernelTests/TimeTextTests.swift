import Kernel
import Messages
import Testing

/// Times and durations written as text: every value is range-checked before arithmetic, and a
/// refused one says which part is wrong rather than only "not a time".
@Suite struct TimeTextTests {
    func reason(_ result: Result<UInt64, TimeTextProblem>) -> String? {
        guard case .failure(.outOfRange(let reason)) = result else { return nil }
        return reason
    }

    /// Years after 2261 used to overflow the nanosecond count and trap; now they are refused by name.
    @Test func aYearAfter2261IsRefusedNotATrap() {
        #expect(reason(TimeUnits.parseISO8601Checked("2555-01-01T00:00:00Z"))
                == "year 2555 is after 2261, the last year a time can have (64-bit nanosecond times end in April 2262)")
        #expect(reason(TimeUnits.parseISO8601Checked("9999-12-31")) != nil)
        #expect(TimeUnits.parseISO8601("2262-01-01") == nil)
        #expect(TimeUnits.parseISO8601("2261-12-31T23:59:59.999999999Z") == TimeUnits.latestTimestamp)
        #expect(TimeUnits.latestTimestamp == 9_214_646_399_999_999_999)
        #expect(TimeUnits.iso8601(TimeUnits.latestTimestamp) == "2261-12-31T23:59:59.999999999Z")
    }

    @Test func aYearBefore1970IsRefusedByName() {
        #expect(reason(TimeUnits.parseISO8601Checked("1969-12-31")) == "year 1969 is before 1970: times count nanoseconds from 1970-01-01T00:00:00Z")
        #expect(TimeUnits.parseISO8601("1970-01-01T00:00:00Z") == 0)
    }

    /// A day the month does not have names the month's length in that year.
    @Test func anImpossibleDaySaysHowLongTheMonthIs() {
        #expect(reason(TimeUnits.parseISO8601Checked("2024-02-30")) == "2024-02-30 is not a date: February 2024 has 29 days")
        #expect(reason(TimeUnits.parseISO8601Checked("2023-02-29T10:00:00Z")) == "2023-02-29 is not a date: February 2023 has 28 days")
        #expect(reason(TimeUnits.parseISO8601Checked("2024-04-31")) == "2024-04-31 is not a date: April 2024 has 30 days")
        #expect(reason(TimeUnits.parseISO8601Checked("2024-01-00")) == "2024-01-00 is not a date: January 2024 has 31 days")
        #expect(reason(TimeUnits.parseISO8601Checked("2024-13-01")) == "month 13 does not exist: months run from 01 to 12")
        #expect(TimeUnits.parseISO8601("2024-02-29") == 1_709_164_800_000_000_000)
    }

    @Test func anImpossibleClockTimeNamesTheField() {
        #expect(reason(TimeUnits.parseISO8601Checked("2024-03-01T24:00:00Z")) == "hour 24 does not exist: hours run from 00 to 23")
        #expect(reason(TimeUnits.parseISO8601Checked("2024-03-01T10:60Z")) == "minute 60 does not exist: minutes run from 00 to 59")
        #expect(reason(TimeUnits.parseISO8601Checked("2024-03-01T10:00:60Z"))?.hasPrefix("second 60 does not exist") == true)
        #expect(reason(TimeUnits.parseISO8601Checked("2024-03-01T10:00:00.1234567891Z"))
                == "10 decimals of a second: times are exact to the nanosecond (at most 9 decimals)")
    }

    /// Text that is not shaped like a time is `.malformed`: the caller's format hint applies.
    @Test func textThatIsNotATimeIsMalformed() {
        for text in ["yesterday", "2024/03/01", "24-03-01", "2024-03-01T10", "2024-03-01T1a:00Z", "", "2024-03-01T10:00:00.Z", "+2024-03-01"] {
            #expect(TimeUnits.parseISO8601Checked(text) == .failure(.malformed), "\(text)")
        }
    }

    /// Durations are at most 36500d; beyond (or beyond 64 bits) the error says so, not "format".
    @Test func aDurationLongerThan100YearsSaysTheMaximum() {
        #expect(DurationText.maximumNanoseconds == 3_153_600_000_000_000_000)
        #expect(reason(DurationText.parseChecked("10000000d")) == "10000000d is longer than the longest duration, 36500d (100 years)")
        #expect(reason(DurationText.parseChecked("99999999999999999999999s")) != nil, "more digits than 64 bits: too long, not malformed")
        #expect(reason(DurationText.parseChecked("36500d1ns")) != nil)
        #expect(DurationText.parse("36500d") == DurationText.maximumNanoseconds)
        #expect(DurationText.parse("10000000d") == nil)
    }

    @Test func aDurationInTheWrongShapeIsMalformed() {
        for text in ["1.5s", "5 parsecs", "h", "", "10000000x", "99999999999999999999999 parsecs"] {
            #expect(DurationText.parseChecked(text) == .failure(.malformed), "\(text)")
        }
        #expect(DurationText.parseChecked("6h30m") == .success(23_400_000_000_000))
    }

    /// The month lengths agree with the calendar's own round trip (days → date → days) on every
    /// date of four centuries, leap rules included (1900 and 2100 are not leap years, 2000 is).
    @Test func daysInMonthAgreesWithTheCalendarRoundTrip() {
        for year in Int64(1900)...2300 {
            for month in Int64(1)...12 {
                for day in Int64(28)...31 {
                    let days = TimeUnits.daysFromCivil(year: year, month: month, day: day)
                    let roundTrips = TimeUnits.civilFromDays(days) == (year, month, day)
                    #expect((day <= TimeUnits.daysInMonth(year: year, month: month)) == roundTrips, "\(year)-\(month)-\(day)")
                }
            }
        }
        #expect(TimeUnits.daysInMonth(year: 2000, month: 2) == 29 && TimeUnits.daysInMonth(year: 1900, month: 2) == 28)
    }
}
