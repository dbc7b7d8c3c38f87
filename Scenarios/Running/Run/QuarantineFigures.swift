import Actors
import Kernel
import Messages
import ScenarioDefinition

/// The `quarantine` section of the run report: what the input defense refused, by symbol and
/// reason, and the first refused inputs with their times.
public struct QuarantineFigures: Codable, Sendable, Equatable {
    /// One symbol × reason with a refusal.
    public struct Entry: Codable, Sendable, Equatable {
        /// The instrument, or `market-wide` for inputs with no symbol of the universe.
        public var symbol: String
        public var reason: String
        public var count: Int
        /// Inputs of the symbol the defense judged (quotes, trades, alternative data), refused or not.
        public var judged: Int
    }

    /// One refused input.
    public struct Example: Codable, Sendable, Equatable {
        public var time: String
        public var time_ns: UInt64
        public var symbol: String
        public var reason: String
        public var type: String
        /// Its values in the instrument's units: `bid 1287.82 ask 1287.83`, `price 100.03 size 50`, `sentiment nan`.
        public var detail: String
    }

    /// Inputs judged in all.
    public var judged: Int
    public var by_symbol: [Entry]
    /// The first refused inputs of the run (at most ``QuarantineLedger/exampleLimit``).
    public var examples: [Example]

    public static let marketWide = "market-wide"

    public init(ledger: QuarantineLedger, universe: [Instrument]) {
        func name(_ row: Int) -> String { row < universe.count ? universe[row].symbol : QuarantineFigures.marketWide }
        judged = (0...ledger.symbolCount).reduce(0) { $0 + ledger.judged(row: $1) }
        by_symbol = ledger.entries.map { entry in
            Entry(symbol: name(entry.row), reason: entry.reason.rawValue, count: entry.count, judged: ledger.judged(row: entry.row))
        }
        examples = ledger.examples.map { example in
            let row = ledger.row(of: example.message)
            let precision = row < universe.count ? universe[row].pricePrecision : 2
            return Example(time: TimeUnits.iso8601(example.time), time_ns: example.time, symbol: name(row), reason: example.reason.rawValue,
                           type: example.message.tag.description, detail: QuarantineFigures.detail(example.message, precision: precision))
        }
    }

    /// A refused input's values, prices in the instrument's units.
    public static func detail(_ message: Message, precision: Int) -> String {
        switch message {
        case .quote(let quote):
            "bid \(DecimalText.format(quote.bidPrice, precision: precision)) ask \(DecimalText.format(quote.askPrice, precision: precision))"
                + " sizes \(quote.bidSize)/\(quote.askSize)"
        case .trade(let trade): "price \(DecimalText.format(trade.price, precision: precision)) size \(trade.size)"
        case .alt(let datum): "\(datum.kind) \(datum.value)"
        default: message.tag.description
        }
    }

    /// The share of `entry`'s symbol's inputs it refused, in percent.
    public static func percent(_ entry: Entry) -> Double { entry.judged > 0 ? Double(entry.count) / Double(entry.judged) * 100 : 0 }
}
