import Kernel
import Messages

/// Pairs a decision in one log with its counterpart in another, by what caused it rather than by
/// when it was numbered: the input behind it, the pipeline stage, the symbol, and its rank among
/// that input's decisions of that stage for that symbol.
///
/// The input is named by its ordinal among the log's inputs — the trace id of logs of format 4 on,
/// worked out from the sequence numbers of older ones (``TraceIdentity``): two runs on the same
/// inputs admit them in the same order, but a run with other parameters schedules other events
/// between them, so every sequence number after the first difference shifts. Order ids are not
/// used either — an added order would shift every later one.
public struct DecisionKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The stages a diff pairs, in pipeline order.
    public enum Stage: UInt8, Sendable, Comparable {
        case gate, order, fill

        public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// 1-based ordinal, among the log's inputs, of the input behind the decision; 0 for a decision
    /// taken before the first input (see ``LogDecisions/inputOrdinal(ofTrace:)``).
    public var inputOrdinal: UInt64
    public var stage: Stage
    public var symbol: SymbolID
    /// 0 for the input's first decision of this stage for this symbol, 1 for the next, …
    public var rank: Int

    public init(inputOrdinal: UInt64, stage: Stage, symbol: SymbolID, rank: Int) {
        self.inputOrdinal = inputOrdinal
        self.stage = stage
        self.symbol = symbol
        self.rank = rank
    }

    public static func < (lhs: DecisionKey, rhs: DecisionKey) -> Bool {
        (lhs.inputOrdinal, lhs.stage, lhs.symbol, lhs.rank) < (rhs.inputOrdinal, rhs.stage, rhs.symbol, rhs.rank)
    }

    public var description: String { "input #\(inputOrdinal) \(stage) symbol \(symbol) rank \(rank)" }
}
