import Foundation
import Kernel
import Messages

/// A dated series from a CSV (`Date,<columns…>`, dates `M/D/YYYY` or `YYYY-MM-DD`), as
/// market-wide alternative data: `column` (minus `minus`, when given) at the date + `offset`.
/// Missing values (`.` or empty) are skipped; anything else malformed is an error naming the file,
/// line and column.
public struct DailySeriesCSV: InputSource {
    private var records: [InputRecord] = []
    private var cursor = 0

    public init(text: String, file: String, kind: AltDatum.Kind, column: String, minus: String? = nil, topic: TopicID,
                from: Timestamp = 0, to: Timestamp = .max, offsetNanoseconds: DurationNanoseconds = 21 * 3_600_000_000_000) throws {
        var lineNumber = 0
        var columnIndex = 0
        var minusIndex: Int?
        for line in CSVText.lines(text) {
            lineNumber += 1
            if line.isEmpty { continue }
            let fields = CSVText.fields(line)
            if lineNumber == 1 {
                guard let found = fields.firstIndex(of: column), found > 0 else {
                    throw DailyBarCSV.Problem(file: file, line: 1, column: 1, message: "no column '\(column)' in the header \(line)")
                }
                columnIndex = found
                if let minus {
                    guard let other = fields.firstIndex(of: minus), other > 0 else {
                        throw DailyBarCSV.Problem(file: file, line: 1, column: 1, message: "no column '\(minus)' in the header \(line)")
                    }
                    minusIndex = other
                }
                continue
            }
            guard fields.count > max(columnIndex, minusIndex ?? 0) else {
                throw DailyBarCSV.Problem(file: file, line: lineNumber, column: 1, message: "expected at least \(max(columnIndex, minusIndex ?? 0) + 1) fields")
            }
            // Rows before 1970 (before any run: timestamps start at the Unix epoch) are skipped.
            if let year = DailySeriesCSV.year(fields[0]), year < 1970 { continue }
            guard let day = DailyBarCSV.parseDate(fields[0]) ?? TimeUnits.parseISO8601(fields[0]) else {
                throw DailyBarCSV.Problem(file: file, line: lineNumber, column: 1, message: "expected a date M/D/YYYY or YYYY-MM-DD, found '\(fields[0])'")
            }
            guard day >= from, day < to else { continue }
            let raw = [fields[columnIndex]] + (minusIndex.map { [fields[$0]] } ?? [])
            if raw.contains(where: { $0.isEmpty || $0 == "." }) { continue }
            let numbers = raw.compactMap(Double.init)
            guard numbers.count == raw.count, numbers.allSatisfy({ $0.isFinite && abs($0) <= MarketBounds.maximumAlternativeMagnitude / 2 }) else {
                throw DailyBarCSV.Problem(file: file, line: lineNumber, column: 1, message: "expected numbers of magnitude at most 5e11 in \(column)\(minus.map { " and \($0)" } ?? ""), found \(raw)")
            }
            let value = numbers.count == 2 ? numbers[0] - numbers[1] : numbers[0]
            let time = day + offsetNanoseconds
            records.append(InputRecord(time: time, topic: topic,
                                       message: .alt(AltDatum(kind: kind, symbol: AltDatum.marketWide, value: value, exchangeTime: time))))
        }
    }

    public var count: Int { records.count }

    /// The year of `M/D/YYYY` or `YYYY-MM-DD`, if the text has that shape.
    static func year(_ text: String) -> Int? {
        if text.contains("/") { return text.split(separator: "/").last.flatMap { Int($0) } }
        return text.split(separator: "-").first.flatMap { Int($0) }
    }

    public mutating func next() -> InputRecord? {
        guard cursor < records.count else { return nil }
        defer { cursor += 1 }
        return records[cursor]
    }
}
