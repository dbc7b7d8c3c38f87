/// The fields of one delimited row, as byte ranges: split at every delimiter outside double
/// quotes, spaces and tabs around a field trimmed, a quoted field's quotes removed (a doubled
/// quote inside stays as written). The ranges live in one array reused row after row.
struct CSVFieldSplitter {
    let delimiter: UInt8
    private(set) var fields: [Range<Int>] = []

    init(delimiter: UInt8) {
        self.delimiter = delimiter
        fields.reserveCapacity(32)
    }

    mutating func split(_ bytes: UnsafeBufferPointer<UInt8>, _ row: Range<Int>) {
        fields.removeAll(keepingCapacity: true)
        let quote = UInt8(ascii: "\"")
        var index = row.lowerBound
        while true {
            var start = index
            var end: Int
            var quoted = false
            while start < row.upperBound && CSVFieldSplitter.isBlank(bytes[start]) && bytes[start] != delimiter { start += 1 }
            if start < row.upperBound && bytes[start] == quote {
                quoted = true
                var close = start + 1
                while close < row.upperBound {
                    if bytes[close] == quote {
                        if close + 1 < row.upperBound && bytes[close + 1] == quote { close += 2; continue }
                        break
                    }
                    close += 1
                }
                end = min(close, row.upperBound)
                index = min(close + 1, row.upperBound)
                start += 1
            } else {
                index = start
                end = start
            }
            index = ByteScan.firstIndex(of: delimiter, in: bytes, from: index, end: row.upperBound)
            if !quoted {
                end = index
                while end > start && CSVFieldSplitter.isBlank(bytes[end - 1]) && bytes[end - 1] != delimiter { end -= 1 }
            }
            fields.append(start..<end)
            guard index < row.upperBound else { break }
            index += 1
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}
