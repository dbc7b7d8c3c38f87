/// A policy decider type another package registered (``ComponentRegistry/registerPolicy``), as a
/// scenario names it: `policy.decider: <type>` with its `policy.decider_parameters`.
public struct RegisteredPolicy: Sendable, Equatable {
    public var type: String
    public var parameters: ComponentParameters
}
