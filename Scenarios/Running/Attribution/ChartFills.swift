import Actors
import Kernel
import Messages

/// The fills the HTML report draws on its price paths: every fill while there are few, an evenly
/// thinned subset once there are many, so a run of any length keeps at most ``capacity`` points.
/// The per-symbol counts stay exact.
///
/// Thinning keeps every `stride`-th fill of the run (the 0th, the stride-th, …); when the points
/// reach ``capacity`` it drops every other one and doubles the stride. Which fills are drawn
/// depends only on the fill sequence, so the same run draws the same chart.
public struct ChartFills: Sendable {
    /// Points kept at most by default: more markers than this are a smear on a 900-pixel chart.
    public static let defaultCapacity = 4_096

    public let capacity: Int
    /// The fills drawn, in the order applied.
    public private(set) var points: [FillPoint] = []
    /// Fills applied per symbol, all of them.
    public private(set) var countsBySymbol: [Int]
    /// Every `stride`-th fill of the run is drawn.
    public private(set) var stride = 1
    /// Fills applied over the run.
    public private(set) var total = 0

    public init(symbolCount: Int, capacity: Int = ChartFills.defaultCapacity) {
        precondition(capacity >= 2, "room for at least two points")
        self.capacity = capacity
        countsBySymbol = Array(repeating: 0, count: symbolCount)
    }

    public mutating func append(contentsOf fills: some Sequence<FillPoint>) {
        for fill in fills { append(fill) }
    }

    /// - Complexity: O(1) amortized: a thinning is O(capacity), once per doubling of the stride.
    public mutating func append(_ fill: FillPoint) {
        if Int(fill.symbol) < countsBySymbol.count { countsBySymbol[Int(fill.symbol)] += 1 }
        defer { total += 1 }
        guard total % stride == 0 else { return }
        if points.count == capacity {
            // Kept points are fills 0, s, 2s, …: the even positions are the multiples of 2s.
            points = points.enumerated().compactMap { $0.offset % 2 == 0 ? $0.element : nil }
            stride *= 2
            guard total % stride == 0 else { return }
        }
        points.append(fill)
    }
}
