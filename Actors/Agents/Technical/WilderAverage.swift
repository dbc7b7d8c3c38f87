/// Wilder's smoothing (an EMA with weight 1/period), seeded with the simple mean of the first
/// `period` values — the average behind ATR, RSI and ADX.
public struct WilderAverage: Sendable {
    public let period: Int
    private var sum = 0.0
    public private(set) var count = 0
    public private(set) var value = 0.0

    public init(period: Int) {
        precondition(period >= 1)
        self.period = period
    }

    /// True once `period` values have been seen (before that, `value` is a partial mean).
    public var isReady: Bool { count >= period }

    public mutating func add(_ x: Double) {
        count += 1
        if count <= period {
            sum += x
            value = sum / Double(count)
        } else {
            value += (x - value) / Double(period)
        }
    }
}
