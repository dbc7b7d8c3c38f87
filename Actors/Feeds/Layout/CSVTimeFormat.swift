import Kernel
import Messages

/// How a layout's time column is written (docs/data.md, "Time formats"). Every format reads
/// from the field's bytes and gives nanoseconds since the epoch, UTC; a local time (no offset in
/// the text) goes through the layout's time zone (``LocalTimeZone``).
public enum CSVTimeFormat: Sendable, Equatable, CustomStringConvertible {
    /// The tick CSV's rule, widened: an ISO 8601 time, or integer nanoseconds since the epoch.
    case automatic
    /// `2024-03-01T14:30:00.250Z`, `2024-03-01 09:30:00-05:00`, `2024-03-01T14:30:00+0000`,
    /// `2024-03-01` (a date alone is its midnight); without `Z` or an offset, a local time.
    case iso8601
    /// Seconds, milliseconds, microseconds or nanoseconds since the epoch, integer or decimal.
    case epoch(EpochUnit)
    /// A date alone, `M/D/YYYY` or `YYYY-MM-DD`: its midnight, local.
    case date
    /// A strftime-style pattern (``StrftimePattern``), e.g. `%m/%d/%Y %H:%M:%S`.
    case pattern(StrftimePattern)

    public enum EpochUnit: String, Sendable, CaseIterable {
        case seconds = "s", milliseconds = "ms", microseconds = "us", nanoseconds = "ns"

        var nanoseconds: UInt64 {
            switch self {
            case .seconds: 1_000_000_000
            case .milliseconds: 1_000_000
            case .microseconds: 1_000
            case .nanoseconds: 1
            }
        }

        /// 2024-03-01T14:30:00.250Z in this unit.
        var example: String {
            switch self {
            case .seconds: "1709303400.25"
            case .milliseconds: "1709303400250"
            case .microseconds: "1709303400250000"
            case .nanoseconds: "1709303400250000000"
            }
        }

        /// Decimal places below a nanosecond are refused: 9 for seconds, 0 for nanoseconds.
        var maximumDecimals: Int {
            switch self {
            case .seconds: 9
            case .milliseconds: 6
            case .microseconds: 3
            case .nanoseconds: 0
            }
        }
    }

    /// The names a scenario writes: `auto`, `iso8601`, `epoch-s`, `epoch-ms`, `epoch-us`,
    /// `epoch-ns`, `date`, or a pattern with at least one `%`.
    public static func named(_ text: String) throws(StrftimePattern.Problem) -> CSVTimeFormat? {
        switch text {
        case "auto": return .automatic
        case "iso8601": return .iso8601
        case "date": return .date
        default:
            if text.hasPrefix("epoch-"), let unit = EpochUnit(rawValue: String(text.dropFirst(6))) { return .epoch(unit) }
            if text.contains("%") { return .pattern(try StrftimePattern(text)) }
            return nil
        }
    }

    public static let names = ["auto", "iso8601", "epoch-s", "epoch-ms", "epoch-us", "epoch-ns", "date", "a pattern such as %m/%d/%Y %H:%M:%S"]

    public var description: String {
        switch self {
        case .automatic: "auto"
        case .iso8601: "iso8601"
        case .epoch(let unit): "epoch-\(unit.rawValue)"
        case .date: "date"
        case .pattern(let pattern): pattern.text
        }
    }

    /// What an error says was expected.
    public var expected: String {
        switch self {
        case .automatic: "an ISO 8601 time (2024-03-01T14:30:00.250Z, 2024-03-01 09:30:00-05:00) or integer nanoseconds since the epoch"
        case .iso8601: "an ISO 8601 time (2024-03-01T14:30:00.250Z, 2024-03-01 09:30:00-05:00)"
        case .epoch(let unit): "\(unit.rawValue) since the epoch, integer or decimal (e.g. \(unit.example))"
        case .date: "a date M/D/YYYY or YYYY-MM-DD"
        case .pattern(let pattern): "a time like \(pattern.example) (\(pattern.text))"
        }
    }

    /// A parsed time: UTC, or local wall-clock nanoseconds awaiting the time zone.
    enum Reading: Equatable {
        case utc(Timestamp)
        case local(Int64)
    }

    /// Reads `bytes` (one field, trimmed); nil when it does not match the format or names a
    /// time after ``TimeUnits/latestTimestamp`` (so that a bar's quotes after it cannot overflow).
    func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading? {
        guard let reading = readAnyTime(bytes) else { return nil }
        switch reading {
        case .utc(let time): return time <= TimeUnits.latestTimestamp ? reading : nil
        case .local(let wall): return wall <= Int64(TimeUnits.latestTimestamp) ? reading : nil
        }
    }

    private func readAnyTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading? {
        switch self {
        case .automatic:
            if let nanoseconds = TimeBytes.integer(bytes, maximumDigits: 19) { return .utc(nanoseconds) }
            return TimeBytes.iso8601(bytes)
        case .iso8601: return TimeBytes.iso8601(bytes)
        case .epoch(let unit): return TimeBytes.epoch(bytes, unit: unit).map { .utc($0) }
        case .date: return TimeBytes.date(bytes).map { .local($0) }
        case .pattern(let pattern): return pattern.read(bytes)
        }
    }
}
