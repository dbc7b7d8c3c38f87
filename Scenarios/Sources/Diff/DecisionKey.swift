import Kernel

/// Pairs a decision in one log with its counterpart in another: the tick behind it (trace id),
/// the symbol, and its rank among that tick's decisions of the same kind for that symbol. Order
/// ids are not used — an added order early in a run would shift every later one.
public struct DecisionKey: Hashable, Sendable, Comparable {
    public var traceID: UInt64
    public var symbol: SymbolID
    public var occurrence: Int

    public static func < (lhs: DecisionKey, rhs: DecisionKey) -> Bool {
        (lhs.traceID, lhs.symbol, lhs.occurrence) < (rhs.traceID, rhs.symbol, rhs.occurrence)
    }
}
