/// Deterministic identifiers: the owning actor's index in the high 24 bits, a per-actor counter
/// in the low 40. Two actors never collide and the same run always issues the same ids.
public struct IDGenerator: Sendable {
    public let owner: ActorID
    public private(set) var issued: UInt64 = 0

    public init(owner: ActorID) { self.owner = owner }

    /// - Complexity: O(1).
    public mutating func next() -> UInt64 {
        issued += 1
        precondition(issued < (1 << 40), "ID space of \(owner) exhausted")
        return (UInt64(owner.rawValue & 0xFF_FFFF) << 40) | issued
    }
}
