import Actors
import Foundation
import Kernel
import Messages
import Yams

/// Typed reads of YAML scalars with located errors: integers, decimals, booleans, strings,
/// durations (`250ms`, `6h30m`) and UTC timestamps (`2024-03-01T14:30:00Z`). Every error says
/// what was found and its hint what is expected (the type, the valid range, an example).
struct ScalarReader {
    let file: String

    func text(_ node: Node, _ what: String) throws(ScenarioError) -> String {
        guard case .scalar(let scalar) = node else {
            throw StrictMapping.error(file, node, "\(what) must be a string, found \(StrictMapping.kind(of: node))",
                                      hint: "write a single value after the colon (quote it if it contains ': ' or ' #')")
        }
        return scalar.string
    }

    func integer(_ node: Node, _ what: String, range: ClosedRange<Int64>) throws(ScenarioError) -> Int64 {
        let raw = try text(node, what)
        guard let value = Int64(raw.replacingOccurrences(of: "_", with: "")) else {
            throw StrictMapping.error(file, node, "\(what) must be an integer, found '\(raw)'",
                                      hint: "a whole number \(Self.describe(range)), without decimals or units")
        }
        guard range.contains(value) else {
            throw StrictMapping.error(file, node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)",
                                      hint: "valid range: \(Self.describe(range))")
        }
        return value
    }

    func unsigned(_ node: Node, _ what: String) throws(ScenarioError) -> UInt64 {
        let raw = try text(node, what)
        guard let value = UInt64(raw.replacingOccurrences(of: "_", with: "")) else {
            throw StrictMapping.error(file, node, "\(what) must be a non-negative integer, found '\(raw)'",
                                      hint: "a whole number from 0 to \(UInt64.max), e.g. \(what): 42")
        }
        return value
    }

    func decimal(_ node: Node, _ what: String, range: ClosedRange<Double>) throws(ScenarioError) -> Double {
        let raw = try text(node, what)
        guard let value = Double(raw.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            throw StrictMapping.error(file, node, "\(what) must be a number, found '\(raw)'",
                                      hint: "a plain decimal number \(Self.describe(range)), without units or %")
        }
        guard range.contains(value) else {
            throw StrictMapping.error(file, node, "\(what) must be between \(Self.number(range.lowerBound)) and \(Self.number(range.upperBound)), found \(raw)",
                                      hint: "valid range: \(Self.describe(range))")
        }
        return value
    }

    /// An exact decimal read to fixed point with `decimals` places (zeros past them are fine), in
    /// `range` (in those fixed-point units): fees, rates and multipliers, where binary floating
    /// point would drift from what the file says.
    func exactDecimal(_ node: Node, _ what: String, decimals: Int, range: ClosedRange<Int64>) throws(ScenarioError) -> Int64 {
        let raw = try text(node, what)
        let bounds = "from \(DecimalText.shortest(range.lowerBound, precision: decimals)) to \(DecimalText.shortest(range.upperBound, precision: decimals))"
        let trimmed = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        guard let value = DecimalText.fixedPoint(raw, precision: decimals) else {
            let tooPrecise = ExactDecimalText.significantDecimals(trimmed) > decimals
                && ExactDecimalText.parse(String(trimmed.prefix { $0 != "." }), precision: 0) != nil
            throw StrictMapping.error(file, node, tooPrecise ? "\(what) has more than \(decimals) decimals, found '\(raw)'"
                                                             : "\(what) must be a decimal number, found '\(raw)'",
                                      hint: "an exact decimal \(bounds) with at most \(decimals) decimals, without units or %")
        }
        guard range.contains(value) else {
            throw StrictMapping.error(file, node, "\(what) must be between \(DecimalText.shortest(range.lowerBound, precision: decimals)) and \(DecimalText.shortest(range.upperBound, precision: decimals)), found \(raw)",
                                      hint: "valid range: \(bounds)")
        }
        return value
    }

    func boolean(_ node: Node, _ what: String) throws(ScenarioError) -> Bool {
        let raw = try text(node, what)
        switch raw {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw StrictMapping.error(file, node, "\(what) must be true or false, found '\(raw)'", hint: "write true or false (yes / no and on / off work too)")
        }
    }

    /// A decimal amount converted to fixed point with `precision` decimals, exactly (no binary
    /// floating point on the way): `100.05` at precision 2 is 10005.
    func fixedPoint(_ node: Node, _ what: String, precision: Int) throws(ScenarioError) -> Int64 {
        let raw = try text(node, what)
        guard let value = DecimalText.fixedPoint(raw, precision: precision) else {
            let example = precision == 0 ? "100" : "100." + String(repeating: "0", count: precision - 1) + "5"
            throw StrictMapping.error(file, node, "\(what) must be a decimal number with at most \(precision) decimals (zeros past them are fine), found '\(raw)'",
                                      hint: "exact decimal text such as \(example)" + (precision < 8 ? "; more decimals need a larger price_precision" : ""))
        }
        return value
    }

    /// A decimal amount in fixed point (like ``fixedPoint(_:_:precision:)``) from 0 to `maximum`:
    /// above it, or too large for 64 bits at all, the error names the bound and `why` it exists.
    func amount(_ node: Node, _ what: String, precision: Int, maximum: Int64, why: String) throws(ScenarioError) -> Int64 {
        let raw = try text(node, what)
        let limit = DecimalText.format(maximum, precision: precision)
        let digits = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let wellFormed = parts.count <= 2 && !parts[0].isEmpty && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
            && ExactDecimalText.significantDecimals(digits) <= precision
        // Well-formed digits that do not fit 64 bits are a value too large, not a format mistake.
        guard let value = DecimalText.fixedPoint(raw, precision: precision) ?? (wellFormed ? Int64.max : nil) else {
            return try fixedPoint(node, what, precision: precision)
        }
        guard value <= maximum else {
            throw StrictMapping.error(file, node, "\(what) must be at most \(limit), found \(raw)", hint: why)
        }
        return value
    }

    func duration(_ node: Node, _ what: String) throws(ScenarioError) -> DurationNanoseconds {
        let raw = try text(node, what)
        switch DurationText.parseChecked(raw) {
        case .success(let value): return value
        case .failure(.outOfRange(let reason)):
            throw StrictMapping.error(file, node, "\(what): \(reason)",
                                      hint: "durations run from 0 to \(DurationText.format(DurationText.maximumNanoseconds)); a run, a latency or an interval is far shorter")
        case .failure(.malformed):
            throw StrictMapping.error(file, node, "\(what) must be a duration such as 250ms, 2s, 6h30m, found '\(raw)'",
                                      hint: "whole numbers with units ns, us, ms, s, m, h, d, largest first (1h30m, not 1.5h)")
        }
    }

    func timestamp(_ node: Node, _ what: String) throws(ScenarioError) -> Timestamp {
        let raw = try text(node, what)
        switch TimestampText.parseChecked(raw) {
        case .success(let value): return value
        case .failure(.outOfRange(let reason)):
            throw StrictMapping.error(file, node, "\(what): \(reason)", hint: Self.timeRangeHint)
        case .failure(.malformed):
            throw StrictMapping.error(file, node, "\(what) must be a UTC time such as 2024-03-01T14:30:00Z, found '\(raw)'",
                                      hint: "ISO 8601 in UTC ending in Z (2024-03-01T14:30:00.250Z), or a date (2024-03-01, midnight)")
        }
    }

    static let timeRangeHint = "a UTC time from 1970-01-01T00:00:00Z to \(TimeUnits.iso8601(TimeUnits.latestTimestamp)), e.g. 2024-03-01T14:30:00Z"

    func list(_ node: Node, _ what: String) throws(ScenarioError) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw StrictMapping.error(file, node, "\(what) must be a list, found \(StrictMapping.kind(of: node))",
                                      hint: "one '- item' per line, or [a, b] on one line")
        }
        return Array(sequence)
    }

    /// "from 0 to 8", "1 or more", for hints.
    static func describe(_ range: ClosedRange<Int64>) -> String {
        if range.upperBound == .max { return "of \(range.lowerBound) or more" }
        return "from \(range.lowerBound) to \(range.upperBound)"
    }

    static func describe(_ range: ClosedRange<Double>) -> String {
        "from \(number(range.lowerBound)) to \(number(range.upperBound))"
    }

    /// 1.0 → "1", 0.0001 → "0.0001", 100000.0 → "100000".
    static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
