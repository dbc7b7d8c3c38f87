/// Recursive least squares with exponential forgetting for a handful of features:
/// w ← w + k (y − wᵀx), k = P x / (λ + xᵀ P x), P ← (P − k xᵀ P) / λ, starting from
/// P = I / ridge — the ridge prior keeps the first updates from overreacting.
public struct RecursiveLeastSquares: Sendable {
    public let dimension: Int
    public let forgetting: Double
    public private(set) var weights: [Double]
    private var covariance: [Double]
    public private(set) var updates = 0

    public init(dimension: Int, forgetting: Double = 0.998, ridge: Double = 1) {
        precondition(dimension > 0 && forgetting > 0 && forgetting <= 1 && ridge > 0)
        self.dimension = dimension
        self.forgetting = forgetting
        weights = Array(repeating: 0, count: dimension)
        covariance = Array(repeating: 0, count: dimension * dimension)
        for index in 0..<dimension { covariance[index * dimension + index] = 1 / ridge }
    }

    public func predict(_ x: [Double]) -> Double {
        zip(weights, x).reduce(0) { $0 + $1.0 * $1.1 }
    }

    public mutating func update(x: [Double], y: Double) {
        guard x.count == dimension, x.allSatisfy(\.isFinite), y.isFinite else { return }
        let n = dimension
        var px = [Double](repeating: 0, count: n)
        for row in 0..<n {
            var sum = 0.0
            for column in 0..<n { sum += covariance[row * n + column] * x[column] }
            px[row] = sum
        }
        let denominator = forgetting + zip(x, px).reduce(0) { $0 + $1.0 * $1.1 }
        guard denominator > 0 else { return }
        let gain = px.map { $0 / denominator }
        let error = y - predict(x)
        for index in 0..<n { weights[index] += gain[index] * error }
        // P ← (P − k (P x)ᵀ) / λ  (P is symmetric, so xᵀP = (P x)ᵀ)
        for row in 0..<n {
            for column in 0..<n {
                covariance[row * n + column] = (covariance[row * n + column] - gain[row] * px[column]) / forgetting
            }
        }
        updates += 1
    }
}
