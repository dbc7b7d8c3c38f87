import Actors
import Kernel

/// The decisions of one log, gathered in one pass for `metronome diff`: orders and gate decisions
/// by ``DecisionKey``, fill totals, and the final book marked at the log's last quotes.
public struct LogDecisions {
    public private(set) var orders: [DecisionKey: Order] = [:]
    public private(set) var gateDecisions: [DecisionKey: GateDecision] = [:]
    public private(set) var fills: UInt64 = 0
    public private(set) var filledQuantity: Int64 = 0
    public private(set) var feesMinorUnits: Int64 = 0
    public private(set) var inputs: UInt64 = 0
    public private(set) var decisions: UInt64 = 0
    /// Cash after the last position update; nil before any.
    public private(set) var cashMinorUnits: Int64?
    public private(set) var positions: [SymbolID: Int64] = [:]
    public private(set) var lastMid: [SymbolID: Int64] = [:]
    private var orderCounts: [DecisionKey: Int] = [:]
    private var gateCounts: [DecisionKey: Int] = [:]

    public init() {}

    public mutating func add(_ record: JournalRecord) {
        switch record {
        case .input(let input):
            inputs &+= 1
            if case .quote(let quote) = input.message, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice { lastMid[quote.symbol] = quote.midPrice }
        case .decision(let decision):
            decisions &+= 1
            switch decision.message {
            case .order(let order):
                orders[Self.key(order.traceID, order.symbol, counts: &orderCounts)] = order
            case .gate(let gate):
                gateDecisions[Self.key(gate.traceID, gate.symbol, counts: &gateCounts)] = gate
            case .fill(let fill):
                fills &+= 1
                filledQuantity &+= fill.quantity
                feesMinorUnits &+= fill.feeMinorUnits
            case .position(let update):
                cashMinorUnits = update.cashMinorUnits
                positions[update.symbol] = update.position
            default:
                break
            }
        }
    }

    /// Equity at the end: the last cash plus every position at its symbol's last quoted mid.
    public func equityMinorUnits(initialCash: Int64, instruments: [Instrument]) -> Int64 {
        var equity = cashMinorUnits ?? initialCash
        for (symbol, position) in positions where position != 0 && Int(symbol) < instruments.count {
            guard let mid = lastMid[symbol] else { continue }
            equity += instruments[Int(symbol)].notionalMinorUnits(quantity: position, price: mid)
        }
        return equity
    }

    private static func key(_ trace: UInt64, _ symbol: SymbolID, counts: inout [DecisionKey: Int]) -> DecisionKey {
        let base = DecisionKey(traceID: trace, symbol: symbol, occurrence: 0)
        let occurrence = counts[base, default: 0]
        counts[base] = occurrence + 1
        return DecisionKey(traceID: trace, symbol: symbol, occurrence: occurrence)
    }
}
