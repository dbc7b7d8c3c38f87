import Kernel
import Messages

/// One routing decision as the router saw it, kept only when asked (``Router/recordDecisions()``,
/// for off-policy evaluation): the market it priced, every candidate with its predicted cost,
/// which one it chose and with what probability, and — once the parent is done — what it cost.
public struct RoutingDecision: Sendable, Equatable {
    public var traceID: UInt64
    public var symbol: SymbolID
    /// Lots of the parent.
    public var quantity: Int64
    public var market: CostModel.Market
    /// Per router venue: does it list the symbol (nil: every venue does).
    public var listed: [Bool]?
    public var candidates: [RoutingChoice]
    /// Each candidate's predicted cost in basis points: the cost model's plus the arm's learned correction.
    public var predictedCostBasisPoints: [Double]
    public var chosen: Int
    public var propensity: Double
    public var exploration: Double
    /// What the parent cost, as the router learns it (bps: the filled part at its shortfall, the
    /// rest at the price of crossing later); nil until the parent is done.
    public var realizedCostBasisPoints: Double?
}
