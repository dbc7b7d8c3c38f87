import Kernel
import Messages

/// A time pattern in a subset of strftime, read without a locale (English month names only):
///
/// | directive | reads |
/// |---|---|
/// | `%Y` | four-digit year |
/// | `%y` | two-digit year, 1970–2069 (`70`–`99` → 19xx, `00`–`69` → 20xx) |
/// | `%m`, `%d` | month, day: one or two digits |
/// | `%b` | month name, English, three letters or full (`Mar`, `March`), any case |
/// | `%H` | hour 0–23, one or two digits |
/// | `%I`, `%p` | hour 1–12 and `AM`/`PM` (any case) |
/// | `%M`, `%S` | minute, second: two digits |
/// | `%f` | fraction of a second: 1 to 9 digits |
/// | `%z` | `Z`, `±HH:MM`, `±HHMM` or `±HH` (the time is then UTC, not local) |
/// | `%%` | a `%` |
///
/// Any other character must appear as written. A pattern without `%z` reads local times.
public struct StrftimePattern: Sendable, Equatable {
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    enum Piece: Sendable, Equatable {
        case literal(UInt8)
        case year4, year2, month, monthName, day, hour24, hour12, amPm, minute, second, fraction, offset
    }

    public let text: String
    let pieces: [Piece]

    public init(_ text: String) throws(Problem) {
        self.text = text
        var pieces: [Piece] = []
        var bytes = Array(text.utf8).makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "%") else {
                pieces.append(.literal(byte))
                continue
            }
            guard let directive = bytes.next() else { throw Problem(description: "the pattern '\(text)' ends with a lone %") }
            switch directive {
            case UInt8(ascii: "Y"): pieces.append(.year4)
            case UInt8(ascii: "y"): pieces.append(.year2)
            case UInt8(ascii: "m"): pieces.append(.month)
            case UInt8(ascii: "b"): pieces.append(.monthName)
            case UInt8(ascii: "d"): pieces.append(.day)
            case UInt8(ascii: "H"): pieces.append(.hour24)
            case UInt8(ascii: "I"): pieces.append(.hour12)
            case UInt8(ascii: "p"): pieces.append(.amPm)
            case UInt8(ascii: "M"): pieces.append(.minute)
            case UInt8(ascii: "S"): pieces.append(.second)
            case UInt8(ascii: "f"): pieces.append(.fraction)
            case UInt8(ascii: "z"): pieces.append(.offset)
            case UInt8(ascii: "%"): pieces.append(.literal(UInt8(ascii: "%")))
            default:
                throw Problem(description: "the pattern '\(text)' uses %\(Character(Unicode.Scalar(directive))), which is not supported (supported: %Y %y %m %b %d %H %I %p %M %S %f %z %%)")
            }
        }
        let has = { (piece: Piece) in pieces.contains(piece) }
        guard has(.year4) || has(.year2), has(.month) || has(.monthName), has(.day) else {
            throw Problem(description: "the pattern '\(text)' needs a year (%Y or %y), a month (%m or %b) and a day (%d)")
        }
        guard has(.hour12) == has(.amPm), !(has(.hour12) && has(.hour24)) else {
            throw Problem(description: "the pattern '\(text)' must use %I with %p (12-hour clock) or %H alone")
        }
        self.pieces = pieces
    }

    /// 2024-03-01 14:30:00.250 written in this pattern (for error messages).
    public var example: String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let byte): out.append(Character(Unicode.Scalar(byte)))
            case .year4: out += "2024"
            case .year2: out += "24"
            case .month: out += "03"
            case .monthName: out += "Mar"
            case .day: out += "01"
            case .hour24: out += "14"
            case .hour12: out += "02"
            case .amPm: out += "PM"
            case .minute: out += "30"
            case .second: out += "00"
            case .fraction: out += "250"
            case .offset: out += "-05:00"
            }
        }
        return out
    }

    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                     "october", "november", "december"].map { Array($0.utf8) }

    /// The fields a pattern fills in, with the defaults of a date alone.
    private struct Parts {
        var year: UInt64 = 0, month: UInt64 = 0, day: UInt64 = 0, hour: UInt64 = 0, minute: UInt64 = 0, second: UInt64 = 0
        var fraction: UInt64 = 0
        var pm: Bool?
        var offset: Int64?
    }

    /// Reads `bytes` whole; nil when they do not follow the pattern.
    func read(_ bytes: UnsafeBufferPointer<UInt8>) -> CSVTimeFormat.Reading? {
        var parts = Parts()
        var index = 0
        for piece in pieces {
            guard read(piece, bytes, &index, &parts) else { return nil }
        }
        guard index == bytes.count else { return nil }
        if let pm = parts.pm {
            guard (1...12).contains(parts.hour) else { return nil }
            parts.hour = parts.hour % 12 + (pm ? 12 : 0)
        }
        guard parts.hour < 24, parts.minute < 60, parts.second < 60 else { return nil }
        let nanosecondsOfDay = parts.hour * TimeUnits.nanosecondsPerHour + parts.minute * TimeUnits.nanosecondsPerMinute
            + parts.second * TimeUnits.nanosecondsPerSecond + parts.fraction
        guard let wall = TimeBytes.civil(year: parts.year, month: parts.month, day: parts.day, nanosecondsOfDay: nanosecondsOfDay) else { return nil }
        guard let offset = parts.offset else { return .local(wall) }
        let instant = wall - offset * Int64(TimeUnits.nanosecondsPerSecond)
        return instant >= 0 ? .utc(Timestamp(instant)) : nil
    }

    private func read(_ piece: Piece, _ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ parts: inout Parts) -> Bool {
        func digits(_ minimum: Int, _ maximum: Int) -> UInt64? {
            var end = index
            while end < bytes.count, end - index < maximum, TimeBytes.digit(bytes[end]) != nil { end += 1 }
            guard end - index >= minimum, let value = TimeBytes.integer(bytes, index..<end) else { return nil }
            defer { index = end }
            return value
        }
        switch piece {
        case .literal(let byte):
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        case .year4: guard let value = digits(4, 4) else { return false }; parts.year = value
        case .year2: guard let value = digits(2, 2) else { return false }; parts.year = value + (value >= 70 ? 1900 : 2000)
        case .month: guard let value = digits(1, 2) else { return false }; parts.month = value
        case .day: guard let value = digits(1, 2) else { return false }; parts.day = value
        case .hour24, .hour12: guard let value = digits(1, 2) else { return false }; parts.hour = value
        case .minute: guard let value = digits(2, 2) else { return false }; parts.minute = value
        case .second: guard let value = digits(2, 2) else { return false }; parts.second = value
        case .fraction:
            let start = index
            guard digits(1, 9) != nil, let value = TimeBytes.fraction(bytes, start..<index) else { return false }
            parts.fraction = value
        case .monthName: return readMonthName(bytes, &index, &parts)
        case .amPm:
            guard index + 2 <= bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "m") else { return false }
            let letter = bytes[index] | 0x20
            guard letter == UInt8(ascii: "a") || letter == UInt8(ascii: "p") else { return false }
            parts.pm = letter == UInt8(ascii: "p")
            index += 2
        case .offset:
            // The longest offset form that reads: `+HH:MM`, `+HHMM`, `+HH`, `Z`.
            for length in [6, 5, 3, 1] where index + length <= bytes.count {
                if let offset = TimeBytes.offset(UnsafeBufferPointer(rebasing: bytes[index..<index + length])) {
                    parts.offset = offset
                    index += length
                    return true
                }
            }
            return false
        }
        return true
    }

    /// A full English month name or its first three letters, any case.
    private func readMonthName(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ parts: inout Parts) -> Bool {
        for (number, name) in StrftimePattern.monthNames.enumerated() {
            for length in [name.count, 3] where index + length <= bytes.count {
                if (0..<length).allSatisfy({ bytes[index + $0] | 0x20 == name[$0] }) {
                    parts.month = UInt64(number + 1)
                    index += length
                    return true
                }
            }
        }
        return false
    }
}
