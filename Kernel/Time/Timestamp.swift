/// A point in time: integer nanoseconds since the Unix epoch (1970-01-01T00:00:00Z), UTC.
///
/// The kernel never uses floating-point seconds: every time and duration is an integer count of
/// nanoseconds, so arithmetic is exact and identical on every machine.
public typealias Timestamp = UInt64

/// A length of time in integer nanoseconds.
public typealias DurationNanoseconds = UInt64

/// Conversions and formatting for ``Timestamp`` values.
public enum TimeUnits {
    public static let nanosecondsPerMicrosecond: UInt64 = 1_000
    public static let nanosecondsPerMillisecond: UInt64 = 1_000_000
    public static let nanosecondsPerSecond: UInt64 = 1_000_000_000
    public static let nanosecondsPerMinute: UInt64 = 60 * nanosecondsPerSecond
    public static let nanosecondsPerHour: UInt64 = 60 * nanosecondsPerMinute
    public static let nanosecondsPerDay: UInt64 = 24 * nanosecondsPerHour

    /// Formats a timestamp as ISO 8601 UTC with nanoseconds, e.g. `2024-03-01T14:30:00.000000001Z`.
    /// Pure integer arithmetic (civil-from-days), independent of the process time zone.
    public static func iso8601(_ time: Timestamp) -> String {
        let days = Int64(time / nanosecondsPerDay)
        let nanosOfDay = time % nanosecondsPerDay
        let (year, month, day) = civilFromDays(days)
        let hour = nanosOfDay / nanosecondsPerHour
        let minute = (nanosOfDay / nanosecondsPerMinute) % 60
        let second = (nanosOfDay / nanosecondsPerSecond) % 60
        let fraction = nanosOfDay % nanosecondsPerSecond
        return pad(Int64(year), 4) + "-" + pad(Int64(month), 2) + "-" + pad(Int64(day), 2) + "T"
            + pad(Int64(hour), 2) + ":" + pad(Int64(minute), 2) + ":" + pad(Int64(second), 2)
            + "." + pad(Int64(fraction), 9) + "Z"
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Days in `month` (1–12) of `year` in the proleptic Gregorian calendar: a date is valid when
    /// its day is at most this (a check that costs no division by the era, as a round trip does).
    public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The inverse of ``daysFromCivil(year:month:day:)``.
    public static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
