/// `policy.decider: flat`: never holds a position (a run's cost floor: what the pipeline does
/// with no trades).
public final class FlatPolicyDecider: PolicyDecider {
    public init() {}
    public func decide(_ observation: PolicyObservation) -> PolicyChoice { .flat }
    public func finish(_ observation: PolicyObservation) {}
}
