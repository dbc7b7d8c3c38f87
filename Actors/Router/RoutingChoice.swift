import Kernel
import Messages

/// One way to execute a parent order: a venue, an order type, and (for POV) the slices.
public struct RoutingChoice: Sendable, Equatable {
    public var venue: Int
    public var type: OrderType
    /// Child orders the parent is cut into (1 = a single order; > 1 = POV slices, each a market order).
    public var slices: Int
    /// Expected cost in basis points of the arrival mid (before learning's correction).
    public var modelCostBasisPoints: Double

    public init(venue: Int, type: OrderType, slices: Int, modelCostBasisPoints: Double) {
        self.venue = venue
        self.type = type
        self.slices = slices
        self.modelCostBasisPoints = modelCostBasisPoints
    }

    /// Index of the (venue, style) arm for learning: market, limit, pegged, POV per venue.
    public var arm: Int { venue * 4 + (slices > 1 ? 3 : Int(type.rawValue) - 1) }
}
