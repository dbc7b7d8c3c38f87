/// A position in one line of flat JSON, and the scans that move it.
struct FlatJSONCursor {
    let line: UnsafeBufferPointer<UInt8>
    var index = 0

    init(line: UnsafeBufferPointer<UInt8>) { self.line = line }

    func at(_ byte: UInt8) -> Bool { index < line.count && line[index] == byte }

    mutating func skipSpace() {
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 || line[index] == 0x0D { index += 1 }
    }

    func fail(_ detail: String) -> LiveLineProblem { LiveLineProblem(.malformedJSON, detail, column: index + 1) }

    /// One `"key": value` pair, the cursor on its key's opening quote (after spaces).
    mutating func entry() -> Result<FlatJSONObject.Entry, LiveLineProblem> {
        skipSpace()
        guard at(0x22) else { return .failure(fail("expected a quoted key")) }
        guard let (keyStart, keyEnd, keyEscapes) = string() else { return .failure(fail("unterminated key")) }
        skipSpace()
        guard at(0x3A) else { return .failure(fail("expected ':' after the key")) }
        index += 1
        skipSpace()
        guard index < line.count else { return .failure(fail("expected a value")) }
        var entry = FlatJSONObject.Entry(keyStart: keyStart, keyEnd: keyEnd, valueStart: index, valueEnd: index, isString: false,
                                         hasEscapes: keyEscapes)
        switch line[index] {
        case 0x22:
            guard let (start, end, escapes) = string() else { return .failure(fail("unterminated string")) }
            entry.valueStart = start
            entry.valueEnd = end
            entry.isString = true
            entry.hasEscapes = entry.hasEscapes || escapes
        case 0x7B, 0x5B:
            return .failure(fail("nested objects and arrays are not part of the protocol"))
        default:
            // A number, true, false or null: up to the next delimiter.
            while index < line.count, line[index] != 0x2C, line[index] != 0x7D, line[index] != 0x20, line[index] != 0x09 { index += 1 }
            entry.valueEnd = index
            guard entry.valueEnd > entry.valueStart else { return .failure(fail("expected a value")) }
        }
        return .success(entry)
    }

    /// Scans a string whose opening quote is at `index`; returns its bounds and whether it escapes.
    mutating func string() -> (Int, Int, Bool)? {
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
}
