import Actors
import Kernel
import Messages
import ScenarioDefinition

/// The execution side of a run: sizer → gate → router (the broker and the portfolio are wired
/// for every run; ``ScenarioComponents`` spawns them).
public struct ExecutionChain {
    public let sizer: Sizer
    public let gate: RiskGate
    public let router: Router

    public init(sizer: Sizer, gate: RiskGate, router: Router) {
        self.sizer = sizer
        self.gate = gate
        self.router = router
    }
}
