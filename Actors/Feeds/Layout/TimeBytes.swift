import Kernel
import Messages

/// Time fields read from their bytes, exactly and without Foundation: integers, epoch decimals,
/// ISO 8601 and dates. Local times are returned as wall-clock nanoseconds "as if UTC"; the
/// layout's time zone turns them into instants.
enum TimeBytes {
    static func digit(_ byte: UInt8) -> UInt64? {
        let value = byte &- UInt8(ascii: "0")
        return value < 10 ? UInt64(value) : nil
    }

    /// 1 to `maximumDigits` decimal digits (so nothing overflows).
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, maximumDigits: Int) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= maximumDigits else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard let digit = digit(byte) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        integer(UnsafeBufferPointer(rebasing: bytes[range]), maximumDigits: range.count)
    }

    /// `digits[.digits]` in `unit` → nanoseconds; nil below a nanosecond or beyond 2262.
    static func epoch(_ bytes: UnsafeBufferPointer<UInt8>, unit: CSVTimeFormat.EpochUnit) -> Timestamp? {
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let whole = UnsafeBufferPointer(rebasing: bytes[0..<(point ?? bytes.count)])
        guard let integer = integer(whole, maximumDigits: 19) else { return nil }
        let (scaled, overflow) = integer.multipliedReportingOverflow(by: unit.nanoseconds)
        guard !overflow else { return nil }
        guard let point else { return scaled }
        let fraction = UnsafeBufferPointer(rebasing: bytes[(point + 1)...])
        guard !fraction.isEmpty, fraction.count <= unit.maximumDecimals,
              let digits = self.integer(fraction, maximumDigits: 9) else { return nil }
        var scale = unit.nanoseconds
        for _ in 0..<fraction.count { scale /= 10 }
        let (sum, overflowSum) = scaled.addingReportingOverflow(digits * scale)
        return overflowSum ? nil : sum
    }

    /// `M/D/YYYY` (one or two digits for month and day) or `YYYY-MM-DD` → local midnight.
    static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
           let year = integer(bytes, 0..<4), let month = integer(bytes, 5..<7), let day = integer(bytes, 8..<10) {
            return civil(year: year, month: month, day: day, nanosecondsOfDay: 0)
        }
        let slashes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "/") }
        guard slashes.count == 2, let month = integer(bytes, 0..<slashes[0]), let day = integer(bytes, slashes[0] + 1..<slashes[1]),
              let year = integer(bytes, slashes[1] + 1..<bytes.count), slashes[1] + 5 == bytes.count,
              slashes[0] <= 2, slashes[1] - slashes[0] <= 3 else { return nil }
        return civil(year: year, month: month, day: day, nanosecondsOfDay: 0)
    }

    /// Nanoseconds since the epoch of a wall-clock date and time, if the date exists and lies
    /// in 1970 … 2262.
    static func civil(year: UInt64, month: UInt64, day: UInt64, nanosecondsOfDay: UInt64) -> Int64? {
        guard year >= 1970, year <= 2261, (1...12).contains(month), (1...31).contains(day) else { return nil }
        let days = TimeUnits.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        guard TimeUnits.civilFromDays(days) == (Int64(year), Int64(month), Int64(day)) else { return nil }
        return days * Int64(TimeUnits.nanosecondsPerDay) + Int64(nanosecondsOfDay)
    }

    /// `HH:MM[:SS[.f…]]` (1 to 9 fraction digits) → nanoseconds since midnight.
    static func timeOfDay(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count >= 5, bytes[2] == UInt8(ascii: ":"), let hour = integer(bytes, 0..<2), let minute = integer(bytes, 3..<5),
              hour < 24, minute < 60 else { return nil }
        var nanoseconds = hour * TimeUnits.nanosecondsPerHour + minute * TimeUnits.nanosecondsPerMinute
        guard bytes.count > 5 else { return nanoseconds }
        guard bytes.count >= 8, bytes[5] == UInt8(ascii: ":"), let second = integer(bytes, 6..<8), second < 60 else { return nil }
        nanoseconds += second * TimeUnits.nanosecondsPerSecond
        guard bytes.count > 8 else { return nanoseconds }
        guard bytes[8] == UInt8(ascii: ".") || bytes[8] == UInt8(ascii: ","), let fraction = fraction(bytes, 9..<bytes.count) else { return nil }
        return nanoseconds + fraction
    }

    /// 1 to 9 digits after a decimal point → nanoseconds.
    static func fraction(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        guard (1...9).contains(range.count), let value = integer(bytes, range) else { return nil }
        var scale: UInt64 = 1
        for _ in range.count..<9 { scale *= 10 }
        return value * scale
    }

    /// `Z`, `±HH:MM`, `±HHMM` or `±HH` → seconds east of UTC.
    static func offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        if bytes.count == 1 && (bytes[0] == UInt8(ascii: "Z") || bytes[0] == UInt8(ascii: "z")) { return 0 }
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let hours: UInt64?, minutes: UInt64?
        switch bytes.count {
        case 3: (hours, minutes) = (integer(bytes, 1..<3), 0)
        case 5: (hours, minutes) = (integer(bytes, 1..<3), integer(bytes, 3..<5))
        case 6 where bytes[3] == UInt8(ascii: ":"): (hours, minutes) = (integer(bytes, 1..<3), integer(bytes, 4..<6))
        default: return nil
        }
        guard let hours, let minutes, hours <= 23, minutes < 60 else { return nil }
        let seconds = Int64(hours * 3_600 + minutes * 60)
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// `YYYY-MM-DD[(T|t| )HH:MM[:SS[.f…]]][Z|±HH:MM|±HHMM|±HH]`: UTC when it carries `Z` or an
    /// offset, local otherwise (a date alone is its local midnight).
    static func iso8601(_ bytes: UnsafeBufferPointer<UInt8>) -> CSVTimeFormat.Reading? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = integer(bytes, 0..<4), let month = integer(bytes, 5..<7), let day = integer(bytes, 8..<10) else { return nil }
        guard bytes.count > 10 else { return civil(year: year, month: month, day: day, nanosecondsOfDay: 0).map { .local($0) } }
        let separator = bytes[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else { return nil }
        // The time runs to the first `Z`, `+` or `-` after it (the offset), or to the end.
        var timeEnd = 11
        while timeEnd < bytes.count, ![UInt8(ascii: "Z"), UInt8(ascii: "z"), UInt8(ascii: "+"), UInt8(ascii: "-")].contains(bytes[timeEnd]) {
            timeEnd += 1
        }
        guard let nanosecondsOfDay = timeOfDay(UnsafeBufferPointer(rebasing: bytes[11..<timeEnd])),
              let wall = civil(year: year, month: month, day: day, nanosecondsOfDay: nanosecondsOfDay) else { return nil }
        guard timeEnd < bytes.count else { return .local(wall) }
        guard let offset = offset(UnsafeBufferPointer(rebasing: bytes[timeEnd...])) else { return nil }
        let instant = wall - offset * Int64(TimeUnits.nanosecondsPerSecond)
        return instant >= 0 ? .utc(Timestamp(instant)) : nil
    }
}
