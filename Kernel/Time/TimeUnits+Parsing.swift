extension TimeUnits {
    /// The first year a ``Timestamp`` can name: timestamps count nanoseconds from 1970-01-01T00:00:00Z.
    public static let earliestYear: Int64 = 1970
    /// The last year a time may have. A signed 64-bit count of nanoseconds (Swift's `Duration`,
    /// which the clocks use for spans) ends on 2262-04-11; stopping at the end of 2261 keeps every
    /// time, and every span between two times, representable.
    public static let latestYear: Int64 = 2261
    /// The last nanosecond of ``latestYear``: 2261-12-31T23:59:59.999999999Z.
    public static let latestTimestamp: Timestamp =
        UInt64(daysFromCivil(year: latestYear + 1, month: 1, day: 1)) * nanosecondsPerDay - 1

    /// Parses a UTC time in ISO 8601: `2024-03-01T14:30:00Z`, `2024-03-01T14:30:00.250Z`,
    /// `2024-03-01 14:30:00`, or a bare date `2024-03-01` (midnight). Integer arithmetic only, no
    /// time zones; nil for anything else (including impossible dates and years outside
    /// ``earliestYear``…``latestYear``). ``parseISO8601Checked(_:)`` says why.
    public static func parseISO8601(_ text: String) -> Timestamp? {
        try? parseISO8601Checked(text).get()
    }

    /// Like ``parseISO8601(_:)``, with the reason a time was refused: `.malformed` when the text
    /// is not shaped like a time, `.outOfRange` naming the part that cannot be (a February 30,
    /// hour 24, a year after ``latestYear``).
    public static func parseISO8601Checked(_ text: String) -> Result<Timestamp, TimeTextProblem> {
        var body = Substring(text)
        while body.first == " " { body.removeFirst() }
        while body.last == " " { body.removeLast() }
        if body.hasSuffix("Z") || body.hasSuffix("z") { body.removeLast() }
        let parts = body.split(whereSeparator: { $0 == "T" || $0 == " " || $0 == "t" })
        guard parts.count == 1 || parts.count == 2 else { return .failure(.malformed) }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, date[0].count == 4, (1...2).contains(date[1].count), (1...2).contains(date[2].count),
              let year = digits(date[0]), let month = digits(date[1]), let day = digits(date[2]) else { return .failure(.malformed) }
        if let problem = dateProblem(year: Int64(year), month: Int64(month), day: Int64(day)) { return .failure(.outOfRange(problem)) }
        var nanosOfDay: UInt64 = 0
        if parts.count == 2 {
            switch nanosecondsOfDay(parts[1]) {
            case .success(let nanoseconds): nanosOfDay = nanoseconds
            case .failure(let problem): return .failure(problem)
            }
        }
        let days = daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        return .success(UInt64(days) * nanosecondsPerDay + nanosOfDay)
    }

    /// What is impossible about a date whose parts are plain numbers, or nil when it exists and
    /// lies in ``earliestYear``…``latestYear``.
    static func dateProblem(year: Int64, month: Int64, day: Int64) -> String? {
        if year < earliestYear {
            return "year \(year) is before \(earliestYear): times count nanoseconds from 1970-01-01T00:00:00Z"
        }
        if year > latestYear {
            return "year \(year) is after \(latestYear), the last year a time can have (64-bit nanosecond times end in April 2262)"
        }
        guard (1...12).contains(month) else { return "month \(month) does not exist: months run from 01 to 12" }
        let nextMonth = month == 12 ? daysFromCivil(year: year + 1, month: 1, day: 1) : daysFromCivil(year: year, month: month + 1, day: 1)
        let length = nextMonth - daysFromCivil(year: year, month: month, day: 1)
        guard (1...length).contains(day) else {
            return "\(year)-\(twoDigits(month))-\(twoDigits(day)) is not a date: \(monthNames[Int(month) - 1]) \(year) has \(length) days"
        }
        return nil
    }

    /// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fraction` (up to 9 decimals) as nanoseconds since midnight.
    private static func nanosecondsOfDay(_ text: Substring) -> Result<UInt64, TimeTextProblem> {
        let clock = text.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3, (1...2).contains(clock[0].count), (1...2).contains(clock[1].count),
              let hour = digits(clock[0]), let minute = digits(clock[1]) else { return .failure(.malformed) }
        guard hour < 24 else { return .failure(.outOfRange("hour \(hour) does not exist: hours run from 00 to 23")) }
        guard minute < 60 else { return .failure(.outOfRange("minute \(minute) does not exist: minutes run from 00 to 59")) }
        var nanoseconds = hour * nanosecondsPerHour + minute * nanosecondsPerMinute
        guard clock.count == 3 else { return .success(nanoseconds) }
        let secondParts = clock[2].split(separator: ".", omittingEmptySubsequences: false)
        guard secondParts.count <= 2, (1...2).contains(secondParts[0].count), let second = digits(secondParts[0]) else { return .failure(.malformed) }
        guard second < 60 else {
            return .failure(.outOfRange("second \(second) does not exist: seconds run from 00 to 59 (UTC without leap seconds)"))
        }
        nanoseconds += second * nanosecondsPerSecond
        if secondParts.count == 2 {
            let fraction = secondParts[1]
            guard let fractionValue = digits(fraction) else { return .failure(.malformed) }
            guard fraction.count <= 9 else {
                return .failure(.outOfRange("\(fraction.count) decimals of a second: times are exact to the nanosecond (at most 9 decimals)"))
            }
            var scale: UInt64 = 1
            for _ in fraction.count..<9 { scale *= 10 }
            nanoseconds += fractionValue * scale
        }
        return .success(nanoseconds)
    }

    /// A run of ASCII digits (no sign, no spaces) as a number; nil for anything else, or beyond
    /// 18 digits.
    private static func digits(_ text: Substring) -> UInt64? {
        guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return UInt64(text)
    }

    private static func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                     "October", "November", "December"]
}
