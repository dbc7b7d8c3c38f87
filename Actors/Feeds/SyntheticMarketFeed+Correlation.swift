import Kernel
import Messages

/// The correlated shocks: the Cholesky factor of the sector / market correlation matrix.
extension SyntheticMarketFeed {
    /// True when the parameters' correlation matrix is positive definite.
    public static func isValidCorrelation(_ parameters: Parameters) -> Bool {
        cholesky(parameters.correlationMatrix, size: parameters.sectors.count) != nil
    }

    /// Lower-triangular L with L·Lᵀ = matrix, or nil if the matrix is not positive definite.
    static func cholesky(_ matrix: [Double], size: Int) -> [Double]? {
        var factor = [Double](repeating: 0, count: size * size)
        for row in 0..<size {
            for column in 0...row {
                var sum = matrix[row * size + column]
                for k in 0..<column { sum -= factor[row * size + k] * factor[column * size + k] }
                if row == column {
                    guard sum > 1e-12 else { return nil }
                    factor[row * size + column] = sum.squareRoot()
                } else {
                    factor[row * size + column] = sum / factor[column * size + column]
                }
            }
        }
        return factor
    }
}
