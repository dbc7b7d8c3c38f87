import Actors
import Kernel
import Messages
import ScenarioDefinition

/// The execution side of a run: sizer (or policy stage) → gate → router (the broker and the
/// portfolio are wired for every run; ``ScenarioComponents`` spawns them).
public struct ExecutionChain {
    /// The sizer; nil when a policy stage takes its place.
    public let sizer: Sizer?
    public let policy: PolicyStage?
    public let gate: RiskGate
    public let router: Router

    public init(sizer: Sizer?, policy: PolicyStage? = nil, gate: RiskGate, router: Router) {
        self.sizer = sizer
        self.policy = policy
        self.gate = gate
        self.router = router
    }
}
