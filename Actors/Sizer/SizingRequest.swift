import Kernel
import Messages

/// What the sizer knows when it sizes one symbol, as a ``CustomSizingRule`` sees it.
public struct SizingRequest: Sendable, Equatable {
    public var symbol: SymbolID
    /// The latest forecast's expected log return and its σ over the forecast's horizon; μ is 0
    /// when a slate drops the symbol (``held`` false).
    public var mu: Double
    public var sigma: Double
    /// Whether the selector's slate holds the symbol (always true without a selector).
    public var held: Bool
    /// The account's equity at the marks, in minor units; `drawdown`: (peak − equity) / peak.
    public var equityMinorUnits: Int64
    public var drawdown: Double
    /// CVaR₉₅ of the sampled portfolio returns, once there are enough.
    public var conditionalValueAtRisk: Double?
    /// The symbol's mark (mid), in its price units, and one lot's notional there, in minor units.
    public var markPrice: Int64
    public var lotNotionalMinorUnits: Int64
    /// The position now, in lots.
    public var currentLots: Int64
}
