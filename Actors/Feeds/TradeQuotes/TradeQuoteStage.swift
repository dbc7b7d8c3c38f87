import Kernel
import Messages

/// Where a file source's records pass to gain synthetic quotes (``TradeQuoteSynthesizer``): a
/// trade of a symbol the settings enable is preceded by the quote it reveals, admitted at the
/// trade's own time on the quote topic — so the quote goes through the input defense like any
/// other. The trade is held back and handed out next.
struct TradeQuoteStage {
    private var synthesizer: TradeQuoteSynthesizer
    private let enabled: [Bool]
    private let quoteTopic: TopicID
    private var held: InputRecord?
    /// Synthetic quotes the file will give (its enabled symbols' trades).
    let quoteCount: Int

    /// Nil when no symbol gets synthetic quotes (`off`, or `auto` and every traded symbol quoted).
    /// - Parameters:
    ///   - instruments: symbol name → (id, price precision).
    ///   - census: the file's quotes and trades per symbol (``CheckedStream``).
    init?(settings: TradeQuoteSettings, instruments: [String: (id: SymbolID, precision: Int)], census: RecordCensus,
          quoteTopic: TopicID, file: String) throws {
        // A maximum and writes by id: the same whatever order the dictionary is walked in.
        var precisions = Array(repeating: 0, count: (instruments.values.map { Int($0.id) }.max() ?? -1) + 1)  // det-ok: order-independent max
        for instrument in instruments.values { precisions[Int(instrument.id)] = instrument.precision }  // det-ok: written by id
        let enabled = precisions.indices.map { symbol in
            let trades = symbol < census.trades.count ? census.trades[symbol] : 0
            let quotes = symbol < census.quotes.count ? census.quotes[symbol] : 0
            switch settings.mode {
            case .off: return false
            case .on: return trades > 0
            case .auto: return trades > 0 && quotes == 0
            }
        }
        guard enabled.contains(true) else { return nil }
        do {
            synthesizer = try TradeQuoteSynthesizer(settings: settings, precisions: precisions)
        } catch {
            throw DataFileText.Failure(description: "\(file): trade_quotes: \(error.description)")
        }
        self.enabled = enabled
        self.quoteTopic = quoteTopic
        quoteCount = enabled.indices.reduce(0) { $0 + (enabled[$1] ? census.trades[$1] : 0) }
    }

    /// The trade held back behind its quote, once.
    mutating func takeHeld() -> InputRecord? {
        defer { held = nil }
        return held
    }

    /// The quote `record` reveals, holding `record` back; nil when it reveals none (not a trade,
    /// or a symbol without synthetic quotes).
    mutating func quote(before record: InputRecord) -> InputRecord? {
        guard case .trade(let trade) = record.message, enabled[Int(trade.symbol)] else { return nil }
        held = record
        return InputRecord(time: record.time, topic: quoteTopic, message: .quote(synthesizer.quote(revealedBy: trade)))
    }
}
