import Kernel
import Messages

/// What the input defense refused, for the report: counts by symbol × reason, how many inputs of
/// each symbol it judged (to give each count its share), and the first few refused inputs with
/// their times. Its tables are sized once, so recording allocates nothing.
public struct QuarantineLedger: Sendable {
    /// One refused input.
    public struct Example: Sendable, Equatable {
        /// When it was admitted.
        public var time: Timestamp
        public var reason: QuarantineReason
        public var message: Message
    }

    /// The refused inputs kept as examples: the first ones of the run.
    public static let exampleLimit = 16

    /// Rows: one per symbol of the universe, then one for inputs with no symbol of it
    /// (market-wide alternative data, or a symbol outside the universe).
    public let symbolCount: Int
    private var counts: [Int]
    private var judged: [Int]
    public private(set) var examples: [Example] = []

    public init(symbolCount: Int) {
        self.symbolCount = symbolCount
        counts = Array(repeating: 0, count: (symbolCount + 1) * QuarantineReason.allCases.count)
        judged = Array(repeating: 0, count: symbolCount + 1)
        examples.reserveCapacity(QuarantineLedger.exampleLimit)
    }

    /// The row of a market-data message: its symbol, or ``symbolCount`` for none.
    public func row(of message: Message) -> Int {
        let symbol: SymbolID
        switch message {
        case .quote(let quote): symbol = quote.symbol
        case .trade(let trade): symbol = trade.symbol
        case .alt(let datum): symbol = datum.symbol
        default: return symbolCount
        }
        return Int(symbol) < symbolCount ? Int(symbol) : symbolCount
    }

    /// One input judged; `reason` is nil when it passed.
    public mutating func record(_ message: Message, at time: Timestamp, reason: QuarantineReason?) {
        let row = row(of: message)
        judged[row] += 1
        guard let reason else { return }
        counts[row * QuarantineReason.allCases.count + reason.ordinal] += 1
        if examples.count < QuarantineLedger.exampleLimit { examples.append(Example(time: time, reason: reason, message: message)) }
    }

    public func count(row: Int, reason: QuarantineReason) -> Int { counts[row * QuarantineReason.allCases.count + reason.ordinal] }

    /// Inputs of `row` judged, refused or not.
    public func judged(row: Int) -> Int { judged[row] }

    /// Refusals by reason, every reason listed, in name order.
    public var byReason: [(reason: QuarantineReason, count: Int)] {
        QuarantineReason.allCases.sorted().map { reason in
            (reason, (0...symbolCount).reduce(0) { $0 + count(row: $1, reason: reason) })
        }
    }

    /// The non-zero (row, reason) counts, by row then reason name.
    public var entries: [(row: Int, reason: QuarantineReason, count: Int)] {
        var found: [(row: Int, reason: QuarantineReason, count: Int)] = []
        let reasons = QuarantineReason.allCases.sorted()
        for row in 0...symbolCount {
            for reason in reasons where count(row: row, reason: reason) > 0 { found.append((row, reason, count(row: row, reason: reason))) }
        }
        return found
    }
}
