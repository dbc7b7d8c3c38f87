import Actors
import Kernel
import Messages

/// The decisions of one log, gathered in one pass for `metronome diff`: orders, gate decisions and
/// fills by ``DecisionKey``, fill totals, and the final book marked at the log's last quotes.
public struct LogDecisions {
    public private(set) var orders: [DecisionKey: Order] = [:]
    public private(set) var gateDecisions: [DecisionKey: GateDecision] = [:]
    public private(set) var fillsByKey: [DecisionKey: Fill] = [:]
    public private(set) var fills: UInt64 = 0
    public private(set) var filledQuantity: Int64 = 0
    public private(set) var feesMinorUnits: Int64 = 0
    public private(set) var inputs: UInt64 = 0
    public private(set) var decisions: UInt64 = 0
    /// Signal records (format 5): agents' signals, and the blender's forecasts among them.
    public private(set) var signals: UInt64 = 0
    public private(set) var forecasts: UInt64 = 0
    public private(set) var signalRecords: UInt64 = 0
    /// Cash after the last position update; nil before any.
    public private(set) var cashMinorUnits: Int64?
    public private(set) var positions: [SymbolID: Int64] = [:]
    public private(set) var lastMid: [SymbolID: Int64] = [:]
    /// What the log's trace ids name: an input ordinal is the trace id itself (format 4 on), or is
    /// found from the sequence numbers of the inputs (older logs).
    public let traceIdentity: TraceIdentity
    /// Logs tracing by sequence only: the sequence numbers of the inputs so far, in admission order
    /// (so ascending), for a binary search. Eight bytes an input.
    private var inputSequences: [UInt64] = []
    /// Decisions seen so far per key of rank 0: the next one's rank.
    private var ranks: [DecisionKey: Int] = [:]

    public init(traceIdentity: TraceIdentity) {
        self.traceIdentity = traceIdentity
    }

    public mutating func add(_ record: JournalRecord) {
        switch record {
        case .input(let input):
            inputs &+= 1
            if traceIdentity == .inputSequence { inputSequences.append(input.sequence) }
            if case .quote(let quote) = input.message, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice { lastMid[quote.symbol] = quote.midPrice }
        case .decision(let decision):
            decisions &+= 1
            switch decision.message {
            case .order(let order):
                orders[key(.order, trace: order.traceID, symbol: order.symbol)] = order
            case .gate(let gate):
                gateDecisions[key(.gate, trace: gate.traceID, symbol: gate.symbol)] = gate
            case .fill(let fill):
                fills &+= 1
                filledQuantity &+= fill.quantity
                feesMinorUnits &+= fill.feeMinorUnits
                fillsByKey[key(.fill, trace: fill.traceID, symbol: fill.symbol)] = fill
            case .position(let update):
                cashMinorUnits = update.cashMinorUnits
                positions[update.symbol] = update.position
            default:
                break
            }
        case .annotation(let emitted):
            signalRecords &+= 1
            if case .signal = emitted.message { signals &+= 1 }
            if case .forecast = emitted.message { forecasts &+= 1 }
        }
    }

    /// The 1-based ordinal of the input behind a trace id (0 before every input). In a log tracing by
    /// sequence: the input whose sequence number it is — or, for an id that is no input's (one a
    /// component drew itself), the last input admitted before it.
    public func inputOrdinal(ofTrace trace: UInt64) -> UInt64 {
        guard traceIdentity == .inputSequence else { return trace }
        // The number of inputs with a sequence number ≤ trace.
        var low = 0
        var high = inputSequences.count
        while low < high {
            let middle = (low + high) / 2
            if inputSequences[middle] <= trace { low = middle + 1 } else { high = middle }
        }
        return UInt64(low)
    }

    /// Equity at the end: the last cash plus every position at its symbol's last quoted mid.
    public func equityMinorUnits(initialCash: Int64, instruments: [Instrument]) -> Int64 {
        var equity = cashMinorUnits ?? initialCash
        for (symbol, position) in positions where position != 0 && Int(symbol) < instruments.count {
            guard let mid = lastMid[symbol] else { continue }
            equity += instruments[Int(symbol)].saturatedNotionalMinorUnits(quantity: position, price: mid)
        }
        return equity
    }

    private mutating func key(_ stage: DecisionKey.Stage, trace: UInt64, symbol: SymbolID) -> DecisionKey {
        var key = DecisionKey(inputOrdinal: inputOrdinal(ofTrace: trace), stage: stage, symbol: symbol, rank: 0)
        let rank = ranks[key, default: 0]
        ranks[key] = rank + 1
        key.rank = rank
        return key
    }
}
