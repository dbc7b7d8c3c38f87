/// Identifies a component actor: its index in registration order. Two reserved values name the
/// world outside the actor graph: ``ActorID/input`` (admitted inputs) and ``ActorID/kernel``
/// (the kernel's own wake-ups, e.g. `Clock.sleep`).
public struct ActorID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The source of every admitted input (feed data, operator commands, live reports).
    public static let input = ActorID(rawValue: .max)
    /// The source and target of the kernel's own events.
    public static let kernel = ActorID(rawValue: .max - 1)

    public var isComponent: Bool { rawValue < ActorID.kernel.rawValue }

    public static func < (lhs: ActorID, rhs: ActorID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .input: "input"
        case .kernel: "kernel"
        default: "actor#\(rawValue)"
        }
    }
}
