import Actors

/// A component type a package registered (``ComponentRegistry``): what a scenario names it, the
/// version every log it runs in records, the keys it reads from its mapping (any other key is an
/// error at its line), and how it is made — once when the scenario is loaded, to check the
/// parameters, and once per run.
public struct ComponentType<Maker: Sendable>: Sendable {
    /// The scenario's `type:` (or `decider:`, `adapter:`).
    public let name: String
    /// Replay refuses a log recorded with another version.
    public let version: UInt16
    public let parameterKeys: [String]
    public let make: Maker
}

extension Array {
    /// The registered type named `name`, if any.
    public func type<Maker>(named name: String) -> ComponentType<Maker>? where Element == ComponentType<Maker> { first { $0.name == name } }
}
