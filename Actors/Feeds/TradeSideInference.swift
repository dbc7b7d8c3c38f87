import Kernel
import Messages

/// The aggressor side of a trade whose data has none, by the Lee–Ready rule: a trade above the
/// symbol's last quoted mid was a buy, below it a sell; at the mid (or before any quote) the tick
/// rule decides: above the previous trade's price a buy, below it a sell, at the same price the
/// previous trade's side. A symbol's first trade, with neither a quote nor a trade before it,
/// counts as a buy. Pure and in file order, so the same file always infers the same sides.
public struct TradeSideInference: Sendable {
    private var midTimesTwo: [Int64?] = []
    private var lastPrice: [Int64?] = []
    private var lastSide: [Side?] = []
    /// Sides inferred so far (a part of a file checked on its own must infer none: ``SplitCheck``).
    public private(set) var inferred = 0

    public init() {}

    /// Remembers a quote's mid for the quote rule.
    public mutating func observe(quote: Quote) {
        let index = grow(quote.symbol)
        guard quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return }
        midTimesTwo[index] = quote.bidPrice &+ quote.askPrice
    }

    /// Remembers a trade (sided in the data or inferred) for the tick rule.
    public mutating func observe(trade: Trade) {
        let index = grow(trade.symbol)
        lastPrice[index] = trade.price
        lastSide[index] = trade.aggressor
    }

    /// Remembers what a record tells: a quote's mid or a trade's price and side.
    mutating func observe(_ message: Message) {
        switch message {
        case .quote(let quote): observe(quote: quote)
        case .trade(let trade): observe(trade: trade)
        default: break
        }
    }

    /// The side of an unsided trade at `price` (before ``observe(trade:)`` records it).
    public mutating func side(symbol: SymbolID, price: Int64) -> Side {
        inferred += 1
        let index = grow(symbol)
        if let mid = midTimesTwo[index] {
            // Compared in doubled units, so a half-tick mid needs no rounding.
            if 2 * price > mid { return .buy }
            if 2 * price < mid { return .sell }
        }
        if let previous = lastPrice[index] {
            if price > previous { return .buy }
            if price < previous { return .sell }
            return lastSide[index] ?? .buy
        }
        return .buy
    }

    private mutating func grow(_ symbol: SymbolID) -> Int {
        let index = Int(symbol)
        if index >= lastPrice.count {
            midTimesTwo += Array(repeating: nil, count: index + 1 - midTimesTwo.count)
            lastPrice += Array(repeating: nil, count: index + 1 - lastPrice.count)
            lastSide += Array(repeating: nil, count: index + 1 - lastSide.count)
        }
        return index
    }
}
