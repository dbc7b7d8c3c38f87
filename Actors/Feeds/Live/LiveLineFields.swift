import Kernel
import Messages

/// Typed access to the scanned fields of one live line, with problems that name the field.
struct LiveLineFields {
    struct Field {
        var start: Int
        var end: Int
        var isString: Bool
        var hasEscapes: Bool
        /// 1-based column of the value, for problems.
        var column: Int { start + 1 }
    }

    let object: FlatJSONObject
    let line: UnsafeBufferPointer<UInt8>

    subscript(_ key: String) -> Field? {
        for entry in object.entries {
            let keyBytes = UnsafeBufferPointer(rebasing: line[entry.keyStart..<entry.keyEnd])
            if keyBytes.elementsEqual(key.utf8) {
                return Field(start: entry.valueStart, end: entry.valueEnd, isString: entry.isString, hasEscapes: entry.hasEscapes)
            }
        }
        return nil
    }

    /// The value's text (escapes decoded for strings).
    func text(_ field: Field) -> String {
        let bytes = UnsafeBufferPointer(rebasing: line[field.start..<field.end])
        guard field.hasEscapes else { return String(decoding: bytes, as: UTF8.self) }
        var decoded: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x5C, index + 1 < bytes.count {
                let escaped = bytes[index + 1]
                switch escaped {
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                default: decoded.append(escaped)  // \" \\ \/ ; \u escapes are kept as written
                }
                index += 2
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private func required(_ key: String, _ expected: String) throws(LiveLineProblem) -> Field {
        guard let field = self[key] else { throw LiveLineProblem(.missingField, "expected \"\(key)\": \(expected)", column: line.count) }
        return field
    }

    /// A decimal price, exact at `precision` decimals (a number or a string).
    func price(_ key: String, precision: Int) throws(LiveLineProblem) -> Int64 {
        let field = try required(key, "a decimal price")
        guard let value = FixedPointBytes.parse(UnsafeBufferPointer(rebasing: line[field.start..<field.end]), precision: precision), value > 0 else {
            throw LiveLineProblem(.badValue, "expected \"\(key)\" to be a positive decimal with at most \(precision) decimals", column: field.column)
        }
        guard value <= MarketBounds.maximumPriceMinorUnits else {
            throw LiveLineProblem(.outOfRange, "expected \"\(key)\" to be at most \(FixedPointText.format(MarketBounds.maximumPriceMinorUnits, precision: precision))", column: field.column)
        }
        return value
    }

    /// A non-negative whole size.
    func size(_ key: String) throws(LiveLineProblem) -> Int64 {
        let field = try required(key, "a whole number")
        guard let value = FixedPointBytes.parse(UnsafeBufferPointer(rebasing: line[field.start..<field.end]), precision: 0), value >= 0 else {
            throw LiveLineProblem(.badValue, "expected \"\(key)\" to be a whole number ≥ 0", column: field.column)
        }
        guard value <= MarketBounds.maximumSize else {
            throw LiveLineProblem(.outOfRange, "expected \"\(key)\" to be at most \(MarketBounds.maximumSize)", column: field.column)
        }
        return value
    }

    /// A finite real number.
    func real(_ key: String) throws(LiveLineProblem) -> Double {
        let field = try required(key, "a number")
        guard let value = Double(text(field)), value.isFinite else {
            throw LiveLineProblem(.badValue, "expected \"\(key)\" to be a finite number", column: field.column)
        }
        guard abs(value) <= MarketBounds.maximumAlternativeMagnitude else {
            throw LiveLineProblem(.outOfRange, "expected \"\(key)\" to be at most 1e12 in magnitude", column: field.column)
        }
        return value
    }

    /// A time: integer nanoseconds since the epoch, or ISO 8601 UTC. Nil when absent.
    func time(_ key: String) throws(LiveLineProblem) -> Timestamp? {
        guard let field = self[key] else { return nil }
        let bytes = UnsafeBufferPointer(rebasing: line[field.start..<field.end])
        if let nanoseconds = FixedPointBytes.parse(bytes, precision: 0), nanoseconds >= 0 { return Timestamp(nanoseconds) }
        if field.isString, let parsed = TimeUnits.parseISO8601(text(field)) { return parsed }
        throw LiveLineProblem(.badValue, "expected \"\(key)\" to be nanoseconds since the epoch or an ISO 8601 UTC time", column: field.column)
    }

    /// A duration: integer nanoseconds or text such as "1m". Nil when absent.
    func duration(_ key: String) throws(LiveLineProblem) -> DurationNanoseconds? {
        guard let field = self[key] else { return nil }
        let bytes = UnsafeBufferPointer(rebasing: line[field.start..<field.end])
        if let nanoseconds = FixedPointBytes.parse(bytes, precision: 0), nanoseconds >= 0 { return DurationNanoseconds(nanoseconds) }
        if field.isString, let parsed = DurationText.parse(text(field)) { return parsed }
        throw LiveLineProblem(.badValue, "expected \"\(key)\" to be nanoseconds or a duration such as \"1m\"", column: field.column)
    }
}
