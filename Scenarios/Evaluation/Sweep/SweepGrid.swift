/// The grid of a sweep: every combination of its axes' values (the first axis varies slowest),
/// each run for every seed.
public struct SweepGrid: Sendable, Codable, Equatable {
    public var axes: [SweepAxis]
    public var seeds: [UInt64]

    /// A sweep of at most this many runs (grid points × seeds).
    public static let maximumRuns = 1_000_000

    public init(axes: [SweepAxis], seeds: [UInt64]) throws(EvaluationError) {
        guard !seeds.isEmpty else { throw EvaluationError("a sweep needs at least one seed") }
        var keys = Set<String>()
        for axis in axes where !keys.insert(axis.key).inserted {
            throw EvaluationError("--set \(axis.key) is given twice: list its values once, separated by commas")
        }
        self.axes = axes
        self.seeds = seeds
        let points = axes.reduce(1) { $0 * $1.values.count }
        guard points * seeds.count <= Self.maximumRuns else {
            throw EvaluationError("the sweep has \(points) grid points × \(seeds.count) seeds: more than \(Self.maximumRuns) runs")
        }
    }

    /// Number of grid points (1 without axes: the scenario as it is).
    public var pointCount: Int { axes.reduce(1) { $0 * $1.values.count } }

    public var runCount: Int { pointCount * seeds.count }

    /// The value index of each axis at grid point `point` (row-major: the last axis varies fastest).
    public func valueIndices(of point: Int) -> [Int] {
        var remainder = point
        var indices = [Int](repeating: 0, count: axes.count)
        for axis in axes.indices.reversed() {
            indices[axis] = remainder % axes[axis].values.count
            remainder /= axes[axis].values.count
        }
        return indices
    }

    /// `key → value` at a grid point, in the axes' order.
    public func assignments(of point: Int) -> [(key: String, value: String)] {
        zip(axes, valueIndices(of: point)).map { ($0.key, $0.values[$1]) }
    }

    /// Run `index` of the sweep: grid point and seed (the seed varies fastest).
    public func run(_ index: Int) -> (point: Int, seed: UInt64) {
        (index / seeds.count, seeds[index % seeds.count])
    }

    /// The runs of shard `shard` (1-based) of `shards`: every `shards`-th run, so that each shard
    /// gets a similar mix of grid points.
    public func runs(shard: Int, of shards: Int) -> [Int] {
        precondition(shards >= 1 && (1...shards).contains(shard))
        return Array(stride(from: shard - 1, to: runCount, by: shards))
    }

    /// The scenario overrides of a grid point, as YAML (``ScenarioOverrides`` merges them).
    public func overridesText(of point: Int) -> String {
        var root = OverrideTree()
        for (key, value) in assignments(of: point) {
            root.insert(path: key.split(separator: ".").map(String.init), value: value)
        }
        return root.yaml(indent: 0)
    }
}

/// The nested mapping a grid point's assignments make, written back as block YAML.
struct OverrideTree {
    var scalars: [(String, String)] = []
    var children: [(String, OverrideTree)] = []
    /// Named-list items under this key: (list key, identity key, [(name, item)]).
    var lists: [(String, String, [(String, OverrideTree)])] = []

    mutating func insert(path: [String], value: String) {
        guard let head = path.first else { return }
        if path.count == 1 {
            scalars.append((head, value))
        } else if let identity = SweepAxis.namedLists[head] {
            if !lists.contains(where: { $0.0 == head }) { lists.append((head, identity, [])) }
            let listIndex = lists.firstIndex { $0.0 == head }!
            if !lists[listIndex].2.contains(where: { $0.0 == path[1] }) { lists[listIndex].2.append((path[1], OverrideTree())) }
            let itemIndex = lists[listIndex].2.firstIndex { $0.0 == path[1] }!
            lists[listIndex].2[itemIndex].1.insert(path: Array(path.dropFirst(2)), value: value)
        } else {
            if !children.contains(where: { $0.0 == head }) { children.append((head, OverrideTree())) }
            let index = children.firstIndex { $0.0 == head }!
            children[index].1.insert(path: Array(path.dropFirst()), value: value)
        }
    }

    func yaml(indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var text = ""
        for (key, value) in scalars { text += "\(pad)\(key): \(value)\n" }
        for (key, child) in children { text += "\(pad)\(key):\n" + child.yaml(indent: indent + 2) }
        for (key, identity, items) in lists {
            text += "\(pad)\(key):\n"
            for (name, item) in items {
                text += "\(pad)  - \(identity): \(name)\n" + item.yaml(indent: indent + 4)
            }
        }
        return text
    }
}
