import Kernel
import Messages

/// Why a live feed line was quarantined instead of admitted. Never fatal: the adapter counts it
/// by ``Reason`` and goes on with the next line.
public struct LiveLineProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, CaseIterable {
        /// Not one flat JSON object on one line.
        case malformedJSON = "malformed_json"
        /// `type` missing or not one of quote, trade, bar, alt.
        case unknownType = "unknown_type"
        /// `symbol` not in the scenario's universe.
        case unknownSymbol = "unknown_symbol"
        /// A field the type needs is missing.
        case missingField = "missing_field"
        /// A field has the wrong type, too many decimals or an impossible value.
        case badValue = "bad_value"
        /// A price, size or value beyond ``MarketBounds`` (or a time beyond the year 2262).
        case outOfRange = "out_of_range"
        /// Longer than ``LiveLineParser/maximumLineBytes`` (the rest of it is skipped).
        case tooLong = "too_long"
    }

    public var reason: Reason
    /// What was expected, with the field's name: shown in the quarantine file.
    public var detail: String
    /// 1-based byte offset in the line where the problem was found.
    public var column: Int

    public init(_ reason: Reason, _ detail: String, column: Int) {
        self.reason = reason
        self.detail = detail
        self.column = column
    }

    public var description: String { "\(reason.rawValue) at column \(column): \(detail)" }
}
