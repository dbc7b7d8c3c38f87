import Kernel
import Messages

/// The agents' shares of the forecast behind one trading decision (an order, an intent, a slate
/// pick), kept by the component that made it for the report's PnL attribution: a fill's
/// `traceID` finds the decision, and the decision the agents behind the position it opened.
///
/// Observation only: recording one never changes a message, a draw or a digest. One record per
/// decision, into storage reserved up front — decisions are rare next to market data.
public struct DecisionShares: Sendable, Equatable, TimeStamped {
    public var time: Timestamp
    public var symbol: SymbolID
    /// The trace id the decision's orders carry (their fills carry it too).
    public var traceID: UInt64
    public var shares: AgentShares

    public init(time: Timestamp, symbol: SymbolID, traceID: UInt64, shares: AgentShares) {
        self.time = time
        self.symbol = symbol
        self.traceID = traceID
        self.shares = shares
    }

    /// Storage reserved for a component's records, so that a run's first decisions do not allocate.
    public static let reservedCount = 1_024
}
