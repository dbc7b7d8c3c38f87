/// Pairwise return correlations over a rolling window of the last `window` observations
/// (default 252), for the selector's diversification penalty. Observations arrive as one return
/// per symbol at a time; memory is O(window × symbols).
public struct RollingCorrelation: Sendable {
    public let window: Int
    public let symbolCount: Int
    private var returns: [[Double]]
    private var next = 0
    public private(set) var filled = 0

    public init(symbolCount: Int, window: Int = 252) {
        precondition(window >= 2 && symbolCount > 0)
        self.window = window
        self.symbolCount = symbolCount
        returns = Array(repeating: Array(repeating: 0, count: window), count: symbolCount)
    }

    /// Adds one observation: a return for every symbol.
    public mutating func add(_ observation: [Double]) {
        precondition(observation.count == symbolCount)
        for symbol in 0..<symbolCount { returns[symbol][next] = observation[symbol] }
        next = (next + 1) % window
        filled = min(filled + 1, window)
    }

    /// Pearson correlation of two symbols over the filled window (0 with fewer than 3 points or
    /// no variance).
    public func correlation(_ a: Int, _ b: Int) -> Double {
        guard a != b else { return 1 }
        guard filled >= 3 else { return 0 }
        var (meanA, meanB) = (0.0, 0.0)
        for index in 0..<filled {
            meanA += returns[a][index]
            meanB += returns[b][index]
        }
        meanA /= Double(filled)
        meanB /= Double(filled)
        var (covariance, varianceA, varianceB) = (0.0, 0.0, 0.0)
        for index in 0..<filled {
            let (x, y) = (returns[a][index] - meanA, returns[b][index] - meanB)
            covariance += x * y
            varianceA += x * x
            varianceB += y * y
        }
        let denominator = (varianceA * varianceB).squareRoot()
        return denominator > 0 ? covariance / denominator : 0
    }
}
