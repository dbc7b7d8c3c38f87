import Actors
import Foundation
import Kernel
import Messages

/// A tick CSV (docs/scenarios.md, "Tick CSV") as live lines, without a scenario: prices and
/// sizes are passed through as written (checked to be decimals), so any universe that lists the
/// symbols can read them. A malformed row is an error naming the file, line and column. The file
/// is streamed (``DataFileLines``): serving a long file holds only a chunk of it.
public struct CSVFeedLineSource: FeedLineSource {
    private let path: String
    private var lines: DataFileLines
    private var lineNumber = 0
    private var pending: (time: Timestamp, fields: [Substring])?

    public init(path: String) throws {
        self.path = path
        lines = try DataFileLines(path: path)
    }

    public mutating func nextTime() throws -> Timestamp? {
        if let pending { return pending.time }
        while try lines.advance() {
            let line = Substring(lines.lineText)
            lineNumber = lines.lineNumber
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("time,") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces)[...] }
            guard fields.count == TickCSV.header.count else {
                throw problem(column: 1, "expected \(TickCSV.header.count) fields (\(TickCSV.header.joined(separator: ","))), found \(fields.count)")
            }
            let timeText = String(fields[0])
            guard let time = UInt64(timeText) ?? TimeUnits.parseISO8601(timeText) else {
                throw problem(column: 1, "expected a time: ISO 8601 UTC or nanoseconds since the epoch")
            }
            let numeric: [Int] = fields[2] == "quote" ? [3, 4, 5, 6] : fields[2] == "trade" ? [7, 8] : []
            guard !numeric.isEmpty else { throw problem(column: column(of: 2, in: fields), "expected the kind quote or trade, found '\(fields[2])'") }
            for field in numeric where !CSVFeedLineSource.isDecimal(fields[field]) {
                throw problem(column: column(of: field, in: fields), "expected a decimal number for \(TickCSV.header[field]), found '\(fields[field])'")
            }
            if fields[2] == "trade" && fields[9] != "buy" && fields[9] != "sell" {
                throw problem(column: column(of: 9, in: fields), "expected side buy or sell, found '\(fields[9])'")
            }
            pending = (time, fields)
            return time
        }
        return nil
    }

    public mutating func appendNext(stamp: Timestamp, to buffer: inout [UInt8]) throws {
        guard try nextTime() != nil, let (_, fields) = pending else { return }
        pending = nil
        if fields[2] == "quote" {
            buffer.append(contentsOf: "{\"type\":\"quote\",\"symbol\":\"\(fields[1])\",\"bid\":\(fields[3]),\"ask\":\(fields[4]),\"bid_size\":\(fields[5]),\"ask_size\":\(fields[6]),\"time\":\(stamp)}\n".utf8)
        } else {
            buffer.append(contentsOf: "{\"type\":\"trade\",\"symbol\":\"\(fields[1])\",\"price\":\(fields[7]),\"size\":\(fields[8]),\"side\":\"\(fields[9])\",\"time\":\(stamp)}\n".utf8)
        }
    }

    private func column(of field: Int, in fields: [Substring]) -> Int { fields.prefix(field).reduce(1) { $0 + $1.count + 1 } }

    private func problem(column: Int, _ message: String) -> DailyBarCSV.Problem {
        DailyBarCSV.Problem(file: path, line: lineNumber, column: column, message: message)
    }

    private static func isDecimal(_ text: Substring) -> Bool {
        var digits = 0
        var points = 0
        for character in text.utf8 {
            if character >= UInt8(ascii: "0") && character <= UInt8(ascii: "9") { digits += 1 } else if character == UInt8(ascii: ".") { points += 1 } else { return false }
        }
        return digits > 0 && points <= 1
    }
}
