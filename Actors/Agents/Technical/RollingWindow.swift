/// The last `capacity` values in a ring, with their mean and deviation (for Bollinger bands) and
/// extremes (for Donchian channels). Extremes are found by a scan: windows are ~20 bars and bars
/// close once a minute, so a scan is cheaper than keeping a monotonic deque.
public struct RollingWindow: Sendable {
    public let capacity: Int
    private var values: [Double]
    private var next = 0
    public private(set) var count = 0

    public init(capacity: Int) {
        precondition(capacity >= 2)
        self.capacity = capacity
        values = Array(repeating: 0, count: capacity)
    }

    public var isFull: Bool { count == capacity }

    public mutating func add(_ value: Double) {
        values[next] = value
        next = (next + 1) % capacity
        count = min(count + 1, capacity)
    }

    public var mean: Double {
        guard count > 0 else { return 0 }
        var sum = 0.0
        for index in 0..<count { sum += values[index] }
        return sum / Double(count)
    }

    /// Population standard deviation (as Bollinger bands use).
    public var deviation: Double {
        guard count > 1 else { return 0 }
        let average = mean
        var squares = 0.0
        for index in 0..<count { squares += (values[index] - average) * (values[index] - average) }
        return (squares / Double(count)).squareRoot()
    }

    public var maximum: Double { values[0..<count].max() ?? 0 }
    public var minimum: Double { values[0..<count].min() ?? 0 }
}
