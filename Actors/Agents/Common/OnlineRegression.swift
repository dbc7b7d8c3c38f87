/// Recursive least squares for one feature with an intercept and exponential forgetting:
/// fits `y ≈ α + β·x` over a window of effective length 1 / (1 − λ). Used by agents to turn a
/// feature into an expected return in return units, learned from what actually happened.
public struct OnlineRegression: Sendable {
    public let forgetting: Double
    private var sumWeight = 0.0
    private var sumX = 0.0
    private var sumY = 0.0
    private var sumXX = 0.0
    private var sumXY = 0.0
    public private(set) var observations = 0

    public init(forgetting: Double = 0.995) {
        precondition(forgetting > 0 && forgetting <= 1)
        self.forgetting = forgetting
    }

    public mutating func add(x: Double, y: Double) {
        guard x.isFinite, y.isFinite else { return }
        sumWeight = forgetting * sumWeight + 1
        sumX = forgetting * sumX + x
        sumY = forgetting * sumY + y
        sumXX = forgetting * sumXX + x * x
        sumXY = forgetting * sumXY + x * y
        observations += 1
    }

    /// β, or 0 until the feature has varied.
    public var slope: Double {
        let variance = sumXX * sumWeight - sumX * sumX
        guard variance > 1e-18 * max(sumWeight * sumWeight, 1) else { return 0 }
        return (sumXY * sumWeight - sumX * sumY) / variance
    }

    public var intercept: Double { sumWeight > 0 ? (sumY - slope * sumX) / sumWeight : 0 }

    public func predict(_ x: Double) -> Double { intercept + slope * x }
}
