import Kernel
import Messages

/// Quotes, trades or bars from a delimited text file laid out as a ``CSVLayout`` says, as
/// inputs (docs/data.md, "Layouts"). The file (plain, `.gz` or `.zst`) is checked whole when
/// the source is made and then streamed as the run reads it (``CheckedStream``): memory does not
/// grow with the file. Rows are kept in file order, each admitted `latencyNanoseconds` after its
/// time; a row whose time goes backwards reaches the input defense, which quarantines it. A run
/// reads only the records of its own span (`from`, `to`).
public struct LayoutCSV: InputSource {
    private var stream: CheckedStream<LayoutCSVReader>
    private let file: String
    /// Synthetic quotes for trades-only symbols (``TradeQuoteStage``); nil when there are none.
    private var tradeQuotes: TradeQuoteStage?

    /// - Parameters:
    ///   - instruments: symbol name → (id, price precision).
    ///   - from, to: only records admitted in [from, to) are read (a vendor's day file for an hour's run).
    ///   - tradeQuotes: which symbols' trades also make quotes (``TradeQuoteSettings``).
    ///   - spilling: keep the checked records for the run (``CheckedStream``); false when nothing
    ///     will read them (`validate`).
    public init(path: String, layout: CSVLayout, instruments: [String: (id: SymbolID, precision: Int)], quoteTopic: TopicID,
                tradeTopic: TopicID, latencyNanoseconds: DurationNanoseconds = 0, from: Timestamp = 0, to: Timestamp = .max,
                tradeQuotes: TradeQuoteSettings = .automatic, spilling: Bool = true) throws {
        let settings = LayoutCSVReader.Settings(layout: layout, instruments: instruments, quoteTopic: quoteTopic, tradeTopic: tradeTopic,
                                                latencyNanoseconds: latencyNanoseconds, from: from, to: to)
        file = path
        stream = try CheckedStream(file: path, spilling: spilling) { try LayoutCSVReader(lines: DataFileLines(path: path), file: path, settings: settings) }
        self.tradeQuotes = try TradeQuoteStage(settings: tradeQuotes, instruments: instruments, census: stream.census, quoteTopic: quoteTopic,
                                               file: path)
    }

    /// A text in memory, split into lines `chunkBytes` at a time (tests use tiny chunks); with
    /// `spilling` false the run parses the text again instead of reading the checked records back.
    public init(text: String, file: String, layout: CSVLayout, instruments: [String: (id: SymbolID, precision: Int)], quoteTopic: TopicID,
                tradeTopic: TopicID, latencyNanoseconds: DurationNanoseconds = 0, chunkBytes: Int = 1 << 18,
                tradeQuotes: TradeQuoteSettings = .automatic, spilling: Bool = true) throws {
        let settings = LayoutCSVReader.Settings(layout: layout, instruments: instruments, quoteTopic: quoteTopic, tradeTopic: tradeTopic,
                                                latencyNanoseconds: latencyNanoseconds)
        let bytes = Array(text.utf8)
        let plainName = DataFileText.Compression(path: file) == .none ? file : file + " (text)"
        self.file = file
        stream = try CheckedStream(file: file, spilling: spilling) {
            try LayoutCSVReader(lines: DataFileLines(bytes: bytes, path: plainName, chunkBytes: chunkBytes), file: file, settings: settings)
        }
        self.tradeQuotes = try TradeQuoteStage(settings: tradeQuotes, instruments: instruments, census: stream.census, quoteTopic: quoteTopic,
                                               file: file)
    }

    /// Records the source gives: the file's, and the synthetic quotes of its trades-only symbols.
    public var count: Int { stream.count + (tradeQuotes?.quoteCount ?? 0) }

    /// Whether the run reads the checked records back rather than parsing the text again (``CheckedStream``).
    var readsSpill: Bool { stream.readsSpill }

    public mutating func next() throws -> InputRecord? {
        if let held = tradeQuotes?.takeHeld() { return held }
        guard let record = try stream.next(file: file) else { return nil }
        return tradeQuotes?.quote(before: record) ?? record
    }
}
