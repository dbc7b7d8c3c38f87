/// One part of a suite or a sweep spread over machines (`--shard i/n`): shard `index` (1-based)
/// of `count` takes the items at positions index−1, index−1+count, … so that the shards are
/// disjoint, cover every item, and each gets a share of the early and the late ones.
public struct RunShard: Codable, Equatable, Hashable, Sendable {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && (1...count).contains(index))
        self.index = index
        self.count = count
    }

    /// `i/n` with 1 ≤ i ≤ n, or nil.
    public static func parse(_ text: String) -> RunShard? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else { return nil }
        return RunShard(index: index, count: count)
    }

    /// This shard's items, in their order.
    public func items<Item>(of all: [Item]) -> [Item] {
        stride(from: index - 1, to: all.count, by: count).map { all[$0] }
    }

    /// `3/4`, as on the command line.
    public var text: String { "\(index)/\(count)" }

    /// `3-of-4`, as in file names.
    public var fileTag: String { "\(index)-of-\(count)" }
}
