import Actors
import Kernel

/// The execution side of a run: sizer → gate → router (the broker and the portfolio are wired
/// for every run; ``ScenarioPipeline`` spawns them).
public struct ExecutionChain {
    public let sizer: Sizer
    public let gate: RiskGate
    public let router: Router
}
