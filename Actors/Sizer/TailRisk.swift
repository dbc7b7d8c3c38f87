/// The recent distribution of a return series (a rolling window), for the 95 % conditional
/// value at risk: the mean loss in the worst 5 % of outcomes, as a positive fraction.
public struct TailRisk: Sendable {
    public let capacity: Int
    private var returns: [Double]
    private var next = 0
    public private(set) var count = 0
    private var scratch: [Double]

    public init(capacity: Int = 252) {
        precondition(capacity >= 2)
        self.capacity = capacity
        returns = Array(repeating: 0, count: capacity)
        scratch = []
        scratch.reserveCapacity(capacity)
    }

    public mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        returns[next] = value
        next = (next + 1) % capacity
        count = min(count + 1, capacity)
    }

    /// Mean of the worst ⌈(1 − α)·n⌉ returns, negated (0 when they are gains); nil with < 20 returns.
    public mutating func conditionalValueAtRisk(level: Double = 0.95) -> Double? {
        guard count >= 20 else { return nil }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: returns[0..<count])
        scratch.sort()
        let tail = max(1, Int((Double(count) * (1 - level) - 1e-9).rounded(.up)))
        var sum = 0.0
        for index in 0..<tail { sum += scratch[index] }
        return max(0, -sum / Double(tail))
    }
}
