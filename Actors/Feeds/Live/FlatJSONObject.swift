/// Scans one flat JSON object — string keys, scalar values — and remembers where each key and
/// value lies in the line, without copying. Nested objects and arrays are not part of the live
/// protocol and are refused.
struct FlatJSONObject {
    struct Entry {
        var keyStart: Int
        var keyEnd: Int
        var valueStart: Int
        var valueEnd: Int
        /// The value was a JSON string (its bounds exclude the quotes).
        var isString: Bool
        /// The key or the value contains a backslash escape.
        var hasEscapes: Bool
    }

    private(set) var entries: [Entry] = []

    /// Returns the first problem, or nil when the line is one well-formed flat object.
    mutating func scan(_ line: UnsafeBufferPointer<UInt8>) -> LiveLineProblem? {
        entries.reserveCapacity(12)
        var index = 0
        func skipSpace() {
            while index < line.count, line[index] == 0x20 || line[index] == 0x09 || line[index] == 0x0D { index += 1 }
        }
        func fail(_ detail: String) -> LiveLineProblem { LiveLineProblem(.malformedJSON, detail, column: index + 1) }
        /// Scans a string whose opening quote is at `index`; returns its bounds and whether it escapes.
        func string() -> (Int, Int, Bool)? {
            index += 1
            let start = index
            var escapes = false
            while index < line.count {
                switch line[index] {
                case 0x22:
                    defer { index += 1 }
                    return (start, index, escapes)
                case 0x5C:
                    escapes = true
                    index += 2
                case 0x00..<0x20:
                    return nil
                default:
                    index += 1
                }
            }
            return nil
        }
        skipSpace()
        guard index < line.count, line[index] == 0x7B else { return fail("expected a JSON object: {\"type\": ...}") }
        index += 1
        skipSpace()
        if index < line.count, line[index] == 0x7D {
            index += 1
        } else {
            while true {
                skipSpace()
                guard index < line.count, line[index] == 0x22 else { return fail("expected a quoted key") }
                guard let (keyStart, keyEnd, keyEscapes) = string() else { return fail("unterminated key") }
                skipSpace()
                guard index < line.count, line[index] == 0x3A else { return fail("expected ':' after the key") }
                index += 1
                skipSpace()
                guard index < line.count else { return fail("expected a value") }
                var entry = Entry(keyStart: keyStart, keyEnd: keyEnd, valueStart: index, valueEnd: index, isString: false, hasEscapes: keyEscapes)
                switch line[index] {
                case 0x22:
                    guard let (start, end, escapes) = string() else { return fail("unterminated string") }
                    entry.valueStart = start
                    entry.valueEnd = end
                    entry.isString = true
                    entry.hasEscapes = entry.hasEscapes || escapes
                case 0x7B, 0x5B:
                    return fail("nested objects and arrays are not part of the protocol")
                default:
                    // A number, true, false or null: up to the next delimiter.
                    while index < line.count, line[index] != 0x2C, line[index] != 0x7D, line[index] != 0x20, line[index] != 0x09 { index += 1 }
                    entry.valueEnd = index
                    guard entry.valueEnd > entry.valueStart else { return fail("expected a value") }
                }
                entries.append(entry)
                skipSpace()
                guard index < line.count else { return fail("expected ',' or '}'") }
                if line[index] == 0x2C {
                    index += 1
                    continue
                }
                guard line[index] == 0x7D else { return fail("expected ',' or '}'") }
                index += 1
                break
            }
        }
        skipSpace()
        guard index == line.count else { return fail("unexpected text after the object") }
        return nil
    }
}
