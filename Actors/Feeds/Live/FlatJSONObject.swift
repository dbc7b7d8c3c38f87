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
        var cursor = FlatJSONCursor(line: line)
        cursor.skipSpace()
        guard cursor.at(0x7B) else { return cursor.fail("expected a JSON object: {\"type\": ...}") }
        cursor.index += 1
        cursor.skipSpace()
        if cursor.at(0x7D) {
            cursor.index += 1
        } else {
            while true {
                switch cursor.entry() {
                case .failure(let problem): return problem
                case .success(let entry): entries.append(entry)
                }
                cursor.skipSpace()
                guard cursor.index < line.count else { return cursor.fail("expected ',' or '}'") }
                if cursor.at(0x2C) {
                    cursor.index += 1
                    continue
                }
                guard cursor.at(0x7D) else { return cursor.fail("expected ',' or '}'") }
                cursor.index += 1
                break
            }
        }
        cursor.skipSpace()
        guard cursor.index == line.count else { return cursor.fail("unexpected text after the object") }
        return nil
    }
}
