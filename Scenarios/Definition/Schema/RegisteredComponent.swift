/// A component type another package registered (``ComponentRegistry``), as a scenario names it:
/// its type name and its own parameters (a policy decider under `policy.decider_parameters`, a
/// gate check under `gate.checks[]`).
public struct RegisteredComponent: Sendable, Equatable {
    public var type: String
    public var parameters: ComponentParameters
}
