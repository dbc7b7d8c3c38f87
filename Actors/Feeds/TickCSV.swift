import Foundation
import Kernel

/// Quotes and trades from a CSV file, as inputs. The format (docs/scenarios.md, "Tick CSV"):
///
/// ```
/// time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side
/// 2024-03-01T14:30:00.250Z,ACME,quote,100.01,100.03,300,200,,,
/// 2024-03-01T14:30:00.400Z,ACME,trade,,,,,100.03,50,buy
/// ```
///
/// `time` is the exchange time (UTC ISO 8601, or integer nanoseconds since the epoch); each row
/// is admitted `latencyNanoseconds` later. Prices are decimals converted exactly to the
/// instrument's precision. Rows are kept in file order: a row whose time goes backwards is not
/// an error here — it reaches the input defense, which quarantines it as out of order. Anything
/// malformed is an error naming the file, the line and the column.
public struct TickCSV: InputSource {
    public static let header = ["time", "symbol", "kind", "bid", "ask", "bid_size", "ask_size", "price", "size", "side"]

    private var records: [InputRecord] = []
    private var cursor = 0

    /// - Parameter instruments: symbol name → (id, price precision).
    public init(text: String, file: String, instruments: [String: (id: SymbolID, precision: Int)], quoteTopic: TopicID,
                tradeTopic: TopicID, latencyNanoseconds: DurationNanoseconds = 0) throws {
        var lineNumber = 0
        for line in CSVText.lines(text) {
            lineNumber += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            func fail(_ column: Int, _ message: String) -> DailyBarCSV.Problem {
                let offset = fields.prefix(column).reduce(1) { $0 + $1.count + 1 }
                return DailyBarCSV.Problem(file: file, line: lineNumber, column: offset, message: message)
            }
            if records.isEmpty && fields.first == "time" {
                guard fields == TickCSV.header else {
                    throw fail(0, "expected the header \(TickCSV.header.joined(separator: ",")), found \(line)")
                }
                continue
            }
            guard fields.count == TickCSV.header.count else { throw fail(0, "expected \(TickCSV.header.count) fields, found \(fields.count)") }
            guard let time = TickCSV.parseTime(fields[0]) else {
                throw fail(0, "expected a UTC time (2024-03-01T14:30:00.250Z) or integer nanoseconds, found '\(fields[0])'")
            }
            guard let instrument = instruments[fields[1]] else {
                throw fail(1, "unknown symbol '\(fields[1])' (not in the universe)")
            }
            func price(_ column: Int) throws -> Int64 {
                guard let value = FixedPointText.parse(fields[column], precision: instrument.precision) else {
                    throw fail(column, "expected a price with at most \(instrument.precision) decimals in \(TickCSV.header[column]), found '\(fields[column])'")
                }
                return value
            }
            func size(_ column: Int) throws -> Int64 {
                guard let value = Int64(fields[column]) else {
                    throw fail(column, "expected an integer in \(TickCSV.header[column]), found '\(fields[column])'")
                }
                return value
            }
            let message: Message
            let topic: TopicID
            switch fields[2] {
            case "quote":
                message = .quote(Quote(symbol: instrument.id, bidPrice: try price(3), askPrice: try price(4), bidSize: try size(5),
                                       askSize: try size(6), exchangeTime: time))
                topic = quoteTopic
            case "trade":
                guard let side = ["buy": Side.buy, "sell": Side.sell][fields[9]] else {
                    throw fail(9, "expected side buy or sell, found '\(fields[9])'")
                }
                message = .trade(Trade(symbol: instrument.id, price: try price(7), size: try size(8), aggressor: side, exchangeTime: time))
                topic = tradeTopic
            default:
                throw fail(2, "expected kind quote or trade, found '\(fields[2])'")
            }
            records.append(InputRecord(time: time &+ latencyNanoseconds, topic: topic, message: message))
        }
    }

    public var count: Int { records.count }

    public mutating func next() -> InputRecord? {
        guard cursor < records.count else { return nil }
        defer { cursor += 1 }
        return records[cursor]
    }

    /// ISO 8601 UTC with a `Z` (`2024-03-01T14:30:00.250Z`) or integer nanoseconds.
    static func parseTime(_ text: String) -> Timestamp? {
        if let nanoseconds = UInt64(text) { return nanoseconds }
        return text.hasSuffix("Z") && text.contains("T") ? TimeUnits.parseISO8601(text) : nil
    }
}
