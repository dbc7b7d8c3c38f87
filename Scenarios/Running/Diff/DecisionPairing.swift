/// One stage's decisions of two logs paired by ``DecisionKey``: those in B only (added), in A only
/// (removed), and in both with another value (changed). A pair is counted once, so the changed
/// count never exceeds either log's total.
public struct DecisionPairing<Decision: Sendable>: Sendable {
    public struct Change: Sendable {
        public var key: DecisionKey
        public var a: Decision
        public var b: Decision
    }

    /// In key order, with their keys.
    public private(set) var addedKeys: [(key: DecisionKey, decision: Decision)] = []
    public private(set) var removedKeys: [(key: DecisionKey, decision: Decision)] = []
    public var added: [Decision] { addedKeys.map(\.decision) }
    public var removed: [Decision] { removedKeys.map(\.decision) }
    public private(set) var changed: [Change] = []
    /// Pairs with the same value in both logs.
    public private(set) var unchanged = 0

    /// - Parameter differs: whether a paired decision changed (the fields a reader cares about;
    ///   not the trace id, which shifts with every event scheduled before it).
    public init(a: [DecisionKey: Decision], b: [DecisionKey: Decision], differs: (Decision, Decision) -> Bool) {
        for key in b.keys.sorted() {
            let after = b[key]!
            guard let before = a[key] else {
                addedKeys.append((key, after))
                continue
            }
            if differs(before, after) { changed.append(Change(key: key, a: before, b: after)) } else { unchanged += 1 }
        }
        for key in a.keys.sorted() where b[key] == nil { removedKeys.append((key, a[key]!)) }
    }
}
