import Foundation
import Kernel
import Messages

/// Daily OHLCV bars from a CSV file in the format of the shared market data
/// (`Date,Open,High,Low,Close,Adj Close,Volume`, dates `M/D/YYYY` or `YYYY-MM-DD`, one header
/// row), as inputs.
///
/// Each bar is admitted at its date's midnight UTC + `closeOffsetNanoseconds` (default 21:00 UTC,
/// the New York close in winter). Prices are rounded half away from zero to the instrument's
/// precision. Rows outside [from, to) are skipped; a row with a missing value (`.` or empty) is
/// skipped and counted; anything else malformed is an error naming the file, line and column.
public struct DailyBarCSV: InputSource {
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int
        public var column: Int
        public var message: String

        public init(file: String, line: Int, column: Int, message: String) {
            self.file = file
            self.line = line
            self.column = column
            self.message = message
        }

        public var description: String { "\(file):\(line):\(column): error: \(message)" }
    }

    public static let expectedHeader = ["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"]

    private var bars: [Bar] = []
    private var cursor = 0
    private let topic: TopicID
    private let closeOffsetNanoseconds: DurationNanoseconds
    /// Rows skipped because a value was missing.
    public private(set) var rowsWithMissingValues = 0

    public init(path: String, symbol: SymbolID, pricePrecision: Int, topic: TopicID, from: Timestamp = 0, to: Timestamp = .max,
                closeOffsetNanoseconds: DurationNanoseconds = 21 * 3_600_000_000_000) throws {
        let text: String
        do {
            text = try DataFileText.read(path: path)
        } catch {
            throw Problem(file: path, line: 0, column: 0, message: error.description.replacingOccurrences(of: "\(path): ", with: ""))
        }
        try self.init(text: text, file: path, symbol: symbol, pricePrecision: pricePrecision, topic: topic, from: from, to: to,
                      closeOffsetNanoseconds: closeOffsetNanoseconds)
    }

    public init(text: String, file: String, symbol: SymbolID, pricePrecision: Int, topic: TopicID, from: Timestamp = 0,
                to: Timestamp = .max, closeOffsetNanoseconds: DurationNanoseconds = 21 * 3_600_000_000_000) throws {
        self.topic = topic
        self.closeOffsetNanoseconds = closeOffsetNanoseconds
        var lineNumber = 0
        var previousDay: Timestamp?
        for line in CSVText.lines(text) {
            lineNumber += 1
            if line.isEmpty { continue }
            let fields = CSVText.fields(line)
            if lineNumber == 1 {
                guard fields == DailyBarCSV.expectedHeader else {
                    throw Problem(file: file, line: 1, column: 1,
                                  message: "expected the header \(DailyBarCSV.expectedHeader.joined(separator: ",")), found \(line)")
                }
                continue
            }
            guard fields.count == DailyBarCSV.expectedHeader.count else {
                throw Problem(file: file, line: lineNumber, column: 1, message: "expected \(DailyBarCSV.expectedHeader.count) fields, found \(fields.count)")
            }
            guard let day = DailyBarCSV.parseDate(fields[0]) else {
                throw Problem(file: file, line: lineNumber, column: 1, message: "expected a date M/D/YYYY or YYYY-MM-DD, found '\(fields[0])'")
            }
            if let previousDay, day <= previousDay {
                throw Problem(file: file, line: lineNumber, column: 1, message: "dates must increase: \(fields[0]) is not after the previous row")
            }
            previousDay = day
            guard day >= from, day < to else { continue }
            if fields[1...6].contains(where: { $0.isEmpty || $0 == "." }) {
                rowsWithMissingValues += 1
                continue
            }
            var values: [Int64] = []
            for (index, field) in fields[1...6].enumerated() where index != 4 {  // Adj Close is not used
                let column = 1 + fields[0...index].reduce(0) { $0 + $1.count + 1 }
                let precision = index == 5 ? 0 : pricePrecision
                guard let value = FixedPointText.parse(field, precision: precision, roundingExtraDigits: true), value >= 0 else {
                    throw Problem(file: file, line: lineNumber, column: column,
                                  message: "expected a non-negative number in \(DailyBarCSV.expectedHeader[index + 1]), found '\(field)'")
                }
                let bound = index == 5 ? MarketBounds.maximumSize : MarketBounds.maximumPriceMinorUnits
                guard value <= bound else {
                    throw Problem(file: file, line: lineNumber, column: column,
                                  message: "expected at most \(FixedPointText.format(bound, precision: precision)) in \(DailyBarCSV.expectedHeader[index + 1]), found '\(field)'")
                }
                values.append(value)
            }
            let (open, high, low, close, volume) = (values[0], values[1], values[2], values[3], values[4])
            guard low <= min(open, close), high >= max(open, close) else {
                throw Problem(file: file, line: lineNumber, column: 1, message: "inconsistent bar: low \(fields[3]) and high \(fields[2]) must bracket open \(fields[1]) and close \(fields[4])")
            }
            bars.append(Bar(symbol: symbol, open: open, high: high, low: low, close: close, volume: volume,
                            periodStart: day, periodNanoseconds: TimeUnits.nanosecondsPerDay))
        }
    }

    /// Bars loaded (after the date filter).
    public var count: Int { bars.count }

    /// The bars loaded, in date order.
    public var loadedBars: [Bar] { bars }

    public mutating func next() -> InputRecord? {
        guard cursor < bars.count else { return nil }
        defer { cursor += 1 }
        let bar = bars[cursor]
        return InputRecord(time: bar.periodStart + closeOffsetNanoseconds, topic: topic, message: .bar(bar))
    }

    /// `M/D/YYYY` or ISO `YYYY-MM-DD` → midnight UTC.
    static func parseDate(_ text: String) -> Timestamp? {
        let slashes = text.split(separator: "/", omittingEmptySubsequences: false)
        let dashes = text.split(separator: "-", omittingEmptySubsequences: false)
        let parts: [Substring]
        if slashes.count == 3 {
            parts = slashes
        } else if dashes.count == 3, dashes[0].count == 4, dashes[1].count == 2, dashes[2].count == 2 {
            parts = [dashes[1], dashes[2], dashes[0]]
        } else {
            return nil
        }
        guard let month = Int64(parts[0]), let day = Int64(parts[1]), let year = Int64(parts[2]),
              (1...12).contains(month), (1...31).contains(day), year >= 1970, year < 10_000 else { return nil }
        let days = TimeUnits.daysFromCivil(year: year, month: month, day: day)
        guard TimeUnits.civilFromDays(days) == (year, month, day) else { return nil }
        return UInt64(days) * TimeUnits.nanosecondsPerDay
    }

}
