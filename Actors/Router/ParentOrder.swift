import Kernel
import Messages

/// An approved intent on its way to the market: the router's bookkeeping for its children and
/// for its transaction-cost record.
struct ParentOrder: Sendable {
    var symbol: SymbolID
    var side: Side
    var choice: RoutingChoice
    var predictedCostBasisPoints: Double
    var propensity: Double
    var arrivalMid: Int64
    var traceID: UInt64
    /// Lots approved for this parent.
    var quantity: Int64
    /// What crossing later would cost (bps): the learning's price of the lots that never fill.
    var missCostBasisPoints: Double
    /// Lots not yet sent (POV slices still to come).
    var unsent: Int64
    var sliceSize: Int64
    var openChildren = 0
    var filledQuantity: Int64 = 0
    /// Σ fill quantity × price, in price units.
    var filledValue: Double = 0
    var feesMinorUnits: Int64 = 0
    var done = false
    /// The first child's order id: the key of the parent's cost record.
    var firstOrderID: UInt64 = 0
    /// Its place in ``Router/decisions`` when the router keeps them, else −1.
    var decision = -1

    var averagePrice: Double { filledQuantity > 0 ? filledValue / Double(filledQuantity) : 0 }
}
