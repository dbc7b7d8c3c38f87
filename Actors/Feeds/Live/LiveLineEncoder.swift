import Kernel
import Messages

/// Writes inputs as live feed protocol lines (docs/live.md): what `metronome feed serve` sends.
/// The inverse of ``LiveLineParser``: a line it writes parses back to the same message.
public struct LiveLineEncoder: Sendable {
    /// By ``SymbolID``: the symbol's name and price precision.
    private let names: [String]
    private let precisions: [Int]

    public init(symbols: [(name: String, pricePrecision: Int)]) {
        names = symbols.map(\.name)
        precisions = symbols.map(\.pricePrecision)
    }

    /// Appends `message` as one line (with its newline) stamped with `time`; returns false for a
    /// message the protocol does not carry or a symbol outside the universe.
    @discardableResult
    public func append(_ message: Message, time: Timestamp, to buffer: inout [UInt8]) -> Bool {
        switch message {
        case .quote(let quote):
            guard let name = name(quote.symbol) else { return false }
            let precision = precisions[Int(quote.symbol)]
            buffer.append(contentsOf: "{\"type\":\"quote\",\"symbol\":\"\(name)\",\"bid\":\(price(quote.bidPrice, precision)),\"ask\":\(price(quote.askPrice, precision)),\"bid_size\":\(quote.bidSize),\"ask_size\":\(quote.askSize),\"time\":\(time)}\n".utf8)
        case .trade(let trade):
            guard let name = name(trade.symbol) else { return false }
            let precision = precisions[Int(trade.symbol)]
            buffer.append(contentsOf: "{\"type\":\"trade\",\"symbol\":\"\(name)\",\"price\":\(price(trade.price, precision)),\"size\":\(trade.size),\"side\":\"\(trade.aggressor)\",\"time\":\(time)}\n".utf8)
        case .bar(let bar):
            guard let name = name(bar.symbol) else { return false }
            let precision = precisions[Int(bar.symbol)]
            buffer.append(contentsOf: "{\"type\":\"bar\",\"symbol\":\"\(name)\",\"open\":\(price(bar.open, precision)),\"high\":\(price(bar.high, precision)),\"low\":\(price(bar.low, precision)),\"close\":\(price(bar.close, precision)),\"volume\":\(bar.volume),\"start\":\(bar.periodStart),\"period\":\(bar.periodNanoseconds),\"time\":\(time)}\n".utf8)
        case .alt(let datum):
            let symbol = datum.symbol == AltDatum.marketWide ? "*" : name(datum.symbol)
            guard let symbol else { return false }
            // Swift's description of a Double is the shortest text that reads back to the same bits.
            buffer.append(contentsOf: "{\"type\":\"alt\",\"kind\":\"\(datum.kind)\",\"symbol\":\"\(symbol)\",\"value\":\(datum.value),\"time\":\(time)}\n".utf8)
        default:
            return false
        }
        return true
    }

    private func name(_ symbol: SymbolID) -> String? { Int(symbol) < names.count ? names[Int(symbol)] : nil }

    private func price(_ value: Int64, _ precision: Int) -> String { FixedPointText.format(value, precision: precision) }
}
