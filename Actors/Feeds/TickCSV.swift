import Foundation
import Kernel
import Messages

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
///
/// Rows in the plain shape tick files are written in are read from their bytes
/// (``TickCSVRowScanner``); any other row, and every malformed one, goes through the general
/// path below, which defines what is accepted and what each error says.
public struct TickCSV: InputSource {
    public static let header = ["time", "symbol", "kind", "bid", "ask", "bid_size", "ask_size", "price", "size", "side"]

    private var stream: CheckedStream<TickCSVReader>
    private let file: String
    /// Synthetic quotes for trades-only symbols (``TradeQuoteStage``); nil when there are none.
    private var tradeQuotes: TradeQuoteStage?

    /// The file at `path` (plain, `.gz` or `.zst`), streamed (``CheckedStream``).
    /// - Parameters:
    ///   - instruments: symbol name → (id, price precision).
    ///   - tradeQuotes: which symbols' trades also make quotes (``TradeQuoteSettings``).
    ///   - spilling: keep the checked records for the run (``CheckedStream``); false when nothing
    ///     will read them (`validate`), or to parse the text again.
    public init(path: String, instruments: [String: (id: SymbolID, precision: Int)], quoteTopic: TopicID, tradeTopic: TopicID,
                latencyNanoseconds: DurationNanoseconds = 0, tradeQuotes: TradeQuoteSettings = .automatic, spilling: Bool = true) throws {
        try self.init(path: path, instruments: instruments, quoteTopic: quoteTopic, tradeTopic: tradeTopic, latencyNanoseconds: latencyNanoseconds,
                      tradeQuotes: tradeQuotes, spilling: spilling, splitMinimumBytes: SplitCheck.minimumBytes)
    }

    /// - Parameter splitMinimumBytes: the smallest file checked in two parts (``SplitCheck``;
    ///   tests cut small ones).
    init(path: String, instruments: [String: (id: SymbolID, precision: Int)], quoteTopic: TopicID, tradeTopic: TopicID,
         latencyNanoseconds: DurationNanoseconds, tradeQuotes: TradeQuoteSettings, spilling: Bool, splitMinimumBytes: Int) throws {
        let settings = TickCSVReader.Settings(instruments: instruments, quoteTopic: quoteTopic, tradeTopic: tradeTopic,
                                              latencyNanoseconds: latencyNanoseconds, fastPath: true)
        file = path
        let open = { try TickCSVReader(lines: DataFileLines(path: path), file: path, settings: settings) }
        if spilling, let parts = try SplitCheck.tickCSV(path: path, settings: settings, minimumBytes: splitMinimumBytes) {
            stream = CheckedStream(parts: parts, open: open)
        } else {
            stream = try CheckedStream(file: path, spilling: spilling, open: open)
        }
        self.tradeQuotes = try TradeQuoteStage(settings: tradeQuotes, instruments: instruments, census: stream.census, quoteTopic: quoteTopic,
                                               file: path)
    }

    /// - Parameter instruments: symbol name → (id, price precision).
    public init(text: String, file: String, instruments: [String: (id: SymbolID, precision: Int)], quoteTopic: TopicID,
                tradeTopic: TopicID, latencyNanoseconds: DurationNanoseconds = 0, tradeQuotes: TradeQuoteSettings = .automatic) throws {
        try self.init(text: text, file: file, instruments: instruments, quoteTopic: quoteTopic, tradeTopic: tradeTopic,
                      latencyNanoseconds: latencyNanoseconds, fastPath: true, tradeQuotes: tradeQuotes)
    }

    /// - Parameters:
    ///   - fastPath: read plain rows from their bytes (``TickCSVRowScanner``); false reads every
    ///     row with the general path, so that tests can compare the two.
    ///   - chunkBytes: how much of the text is split into lines at a time (tests use tiny ones).
    ///   - spilling: the run reads the checked records back (``CheckedStream``); false parses the text again.
    init(text: String, file: String, instruments: [String: (id: SymbolID, precision: Int)], quoteTopic: TopicID,
         tradeTopic: TopicID, latencyNanoseconds: DurationNanoseconds, fastPath: Bool, chunkBytes: Int = 1 << 18,
         tradeQuotes: TradeQuoteSettings = .automatic, spilling: Bool = true) throws {
        let settings = TickCSVReader.Settings(instruments: instruments, quoteTopic: quoteTopic, tradeTopic: tradeTopic,
                                              latencyNanoseconds: latencyNanoseconds, fastPath: fastPath)
        let bytes = Array(text.utf8)
        // The text is plain whatever the name says: a compressed file's name is not used to decode it.
        let plainName = DataFileText.Compression(path: file) == .none ? file : file + " (text)"
        self.file = file
        stream = try CheckedStream(file: file, spilling: spilling) {
            try TickCSVReader(lines: DataFileLines(bytes: bytes, path: plainName, chunkBytes: chunkBytes), file: file, settings: settings)
        }
        self.tradeQuotes = try TradeQuoteStage(settings: tradeQuotes, instruments: instruments, census: stream.census, quoteTopic: quoteTopic,
                                               file: file)
    }

    /// The general path: one line, read as text. Nil for a comment, an empty line or the header.
    static func record(_ line: Substring, file: String, lineNumber: Int, isFirstRecord: Bool,
                               instruments: [String: (id: SymbolID, precision: Int)], quoteTopic: TopicID, tradeTopic: TopicID,
                               latencyNanoseconds: DurationNanoseconds, sides: inout TradeSideInference) throws -> InputRecord? {
        if line.isEmpty || line.hasPrefix("#") { return nil }
        let fields = CSVText.fields(line)
        func fail(_ column: Int, _ message: String) -> DailyBarCSV.Problem {
            let offset = fields.prefix(column).reduce(1) { $0 + $1.count + 1 }
            return DailyBarCSV.Problem(file: file, line: lineNumber, column: offset, message: message)
        }
        if isFirstRecord && fields.first == "time" {
            guard fields == TickCSV.header else {
                throw fail(0, "expected the header \(TickCSV.header.joined(separator: ",")), found \(line)")
            }
            return nil
        }
        guard fields.count == TickCSV.header.count else { throw fail(0, "expected \(TickCSV.header.count) fields, found \(fields.count)") }
        guard let time = TickCSV.parseTime(fields[0]) else {
            throw fail(0, "expected a UTC time (2024-03-01T14:30:00.250Z) or integer nanoseconds, found '\(fields[0])'")
        }
        guard let instrument = instruments[fields[1]] else {
            throw fail(1, "unknown symbol '\(fields[1])' (not in the universe)")
        }
        func price(_ column: Int) throws -> Int64 {
            guard let value = ExactDecimalText.parse(fields[column], precision: instrument.precision) else {
                throw fail(column, "expected a price with at most \(instrument.precision) decimals (zeros past them are fine) in \(TickCSV.header[column]), found '\(fields[column])'")
            }
            // Beyond the market bounds no later arithmetic is safe: refused here, with its line.
            guard MarketBounds.isPriceMagnitudeInRange(value) else {
                throw fail(column, "expected a price of at most \(FixedPointText.format(MarketBounds.maximumPriceMinorUnits, precision: instrument.precision)) in \(TickCSV.header[column]), found '\(fields[column])'")
            }
            return value
        }
        func size(_ column: Int) throws -> Int64 {
            guard let value = Int64(fields[column]) else {
                throw fail(column, "expected an integer in \(TickCSV.header[column]), found '\(fields[column])'")
            }
            guard MarketBounds.isSizeMagnitudeInRange(value) else {
                throw fail(column, "expected a size of at most \(MarketBounds.maximumSize) in \(TickCSV.header[column]), found '\(fields[column])'")
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
            let tradePrice = try price(7)
            // No side in the data: inferred (Lee–Ready, ``TradeSideInference``).
            let side = fields[9].isEmpty ? sides.side(symbol: instrument.id, price: tradePrice) : ["buy": Side.buy, "sell": Side.sell][fields[9]]
            guard let side else {
                throw fail(9, "expected side buy or sell (or nothing: inferred by the Lee–Ready rule), found '\(fields[9])'")
            }
            message = .trade(Trade(symbol: instrument.id, price: tradePrice, size: try size(8), aggressor: side, exchangeTime: time))
            topic = tradeTopic
        default:
            throw fail(2, "expected kind quote or trade, found '\(fields[2])'")
        }
        return InputRecord(time: time &+ latencyNanoseconds, topic: topic, message: message)
    }

    /// Records the source gives: the file's, and the synthetic quotes of its trades-only symbols.
    public var count: Int { stream.count + (tradeQuotes?.quoteCount ?? 0) }

    /// Whether the run reads the checked records back rather than parsing the text again (``CheckedStream``).
    var readsSpill: Bool { stream.readsSpill }

    /// Whether the file was checked in two parts on two cores (``SplitCheck``).
    var readsParts: Bool { stream.readsParts }

    public mutating func next() throws -> InputRecord? {
        if let held = tradeQuotes?.takeHeld() { return held }
        guard let record = try stream.next(file: file) else { return nil }
        return tradeQuotes?.quote(before: record) ?? record
    }

    /// ISO 8601 UTC with a `Z` (`2024-03-01T14:30:00.250Z`) or integer nanoseconds.
    static func parseTime(_ text: String) -> Timestamp? {
        if let nanoseconds = UInt64(text) { return nanoseconds }
        return text.hasSuffix("Z") && text.contains("T") ? TimeUnits.parseISO8601(text) : nil
    }
}
