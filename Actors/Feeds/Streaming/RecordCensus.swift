import Kernel
import Messages

/// How many quotes and trades a file holds per symbol id, counted by ``CheckedStream``'s checking
/// pass: whether a symbol is traded but never quoted decides its synthetic quotes
/// (``TradeQuoteSettings/Mode/auto``).
struct RecordCensus {
    private(set) var quotes: [Int] = []
    private(set) var trades: [Int] = []

    mutating func count(_ message: Message) {
        switch message {
        case .quote(let quote): RecordCensus.bump(&quotes, Int(quote.symbol))
        case .trade(let trade): RecordCensus.bump(&trades, Int(trade.symbol))
        default: break
        }
    }

    /// Adds another part's counts.
    mutating func merge(_ other: RecordCensus) {
        for (symbol, count) in other.quotes.enumerated() where count > 0 { RecordCensus.bump(&quotes, symbol, by: count) }
        for (symbol, count) in other.trades.enumerated() where count > 0 { RecordCensus.bump(&trades, symbol, by: count) }
    }

    @inline(__always)
    private static func bump(_ counts: inout [Int], _ index: Int, by amount: Int = 1) {
        if index >= counts.count { counts += Array(repeating: 0, count: index + 1 - counts.count) }
        counts[index] += amount
    }
}
