import Actors
import Messages

/// A routing rule of this package's own (`router.policy: { type: limit-first }`): the cheapest
/// limit order on any venue, or the router's cheapest candidate when no limit order is offered.
struct LimitFirst: CustomRoutingPolicy {
    func choose(among candidates: [RoutingChoice], predictedCostBasisPoints: [Double], market: CostModel.Market, intent: Intent) -> Int {
        var chosen: Int?
        for index in candidates.indices where candidates[index].type == .limit && candidates[index].slices == 1 {
            if chosen.map({ predictedCostBasisPoints[index] < predictedCostBasisPoints[$0] }) ?? true { chosen = index }
        }
        return chosen ?? predictedCostBasisPoints.indices.min { predictedCostBasisPoints[$0] < predictedCostBasisPoints[$1] } ?? 0
    }
}
