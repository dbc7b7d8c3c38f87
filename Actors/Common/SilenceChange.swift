import Kernel
import Messages

/// An agent's μ for one symbol turning 0 (silent) or non-zero (speaking). A feature agent's μ is
/// exactly 0 until its regression has scored ten forecasts, and again after a restart that lost
/// what it had learned: a forecast it is part of then carries its precision share, but none of
/// its μ. The report's PnL attribution reads these records to give such an agent nothing.
///
/// Observation only, like ``DecisionShares``: a change is rare (a few per symbol and run), so the
/// records cost nothing per event.
public struct SilenceChange: Sendable, Equatable, TimeStamped {
    public var time: Timestamp
    public var symbol: SymbolID
    public var agentID: UInt16
    /// True when μ became non-zero, false when it became 0.
    public var speaking: Bool

    public init(time: Timestamp, symbol: SymbolID, agentID: UInt16, speaking: Bool) {
        self.time = time
        self.symbol = symbol
        self.agentID = agentID
        self.speaking = speaking
    }
}
