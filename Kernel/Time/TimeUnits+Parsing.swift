extension TimeUnits {
    /// Parses a UTC time in ISO 8601: `2024-03-01T14:30:00Z`, `2024-03-01T14:30:00.250Z`,
    /// `2024-03-01 14:30:00`, or a bare date `2024-03-01` (midnight). Integer arithmetic only, no
    /// time zones; nil for anything else (including impossible dates).
    public static func parseISO8601(_ text: String) -> Timestamp? {
        var body = Substring(text)
        while body.first == " " { body.removeFirst() }
        while body.last == " " { body.removeLast() }
        if body.hasSuffix("Z") || body.hasSuffix("z") { body.removeLast() }
        let parts = body.split(whereSeparator: { $0 == "T" || $0 == " " || $0 == "t" })
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-")
        guard date.count == 3, date[0].count == 4, let year = Int64(date[0]), let month = Int64(date[1]), let day = Int64(date[2]),
              (1...12).contains(month), (1...31).contains(day), year >= 1970 else { return nil }
        var nanosOfDay: UInt64 = 0
        if parts.count == 2 {
            let clock = parts[1].split(separator: ":")
            guard clock.count == 2 || clock.count == 3, let hour = UInt64(clock[0]), let minute = UInt64(clock[1]),
                  hour < 24, minute < 60 else { return nil }
            nanosOfDay = hour * TimeUnits.nanosecondsPerHour + minute * TimeUnits.nanosecondsPerMinute
            if clock.count == 3 {
                let secondParts = clock[2].split(separator: ".", omittingEmptySubsequences: false)
                guard let second = UInt64(secondParts[0]), second < 60, secondParts.count <= 2 else { return nil }
                nanosOfDay += second * TimeUnits.nanosecondsPerSecond
                if secondParts.count == 2 {
                    let fraction = secondParts[1]
                    guard !fraction.isEmpty, fraction.count <= 9, let digits = UInt64(fraction) else { return nil }
                    var scale: UInt64 = 1
                    for _ in fraction.count..<9 { scale *= 10 }
                    nanosOfDay += digits * scale
                }
            }
        }
        let days = TimeUnits.daysFromCivil(year: year, month: month, day: day)
        guard TimeUnits.civilFromDays(days) == (year, month, day) else { return nil }
        return UInt64(days) * TimeUnits.nanosecondsPerDay + nanosOfDay
    }
}
