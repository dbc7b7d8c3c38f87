import Kernel
import Messages

/// How the router picks among its candidates when another package decides it (docs/extending.md):
/// in place of the router's own rule (the lowest predicted cost, with ε exploration), the policy
/// picks one candidate — a venue, an order type, the slices — for each intent it routes.
/// It may receive the package's own messages (``PackageMessageReceiver``).
public protocol CustomRoutingPolicy: PackageMessageReceiver {
    /// The index of the chosen entry of `candidates` (each with its predicted cost in basis points
    /// of the arrival mid, learning's correction included, in `predictedCostBasisPoints`). An index
    /// out of range routes to the lowest predicted cost.
    func choose(among candidates: [RoutingChoice], predictedCostBasisPoints: [Double], market: CostModel.Market, intent: Intent) -> Int
}
