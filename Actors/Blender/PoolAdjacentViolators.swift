/// Weighted isotonic regression by pool-adjacent-violators: the non-decreasing sequence closest to
/// the input in weighted least squares. Each value opens a block; while the last block's mean is
/// below the one before, the two are pooled into their weighted mean. The result is each block's
/// mean repeated over the block.
///
/// The block storage is allocated once, for `capacity` values, so a fit allocates nothing.
public struct PoolAdjacentViolators: Sendable {
    private var blockMeans: [Double]
    private var blockWeights: [Double]
    private var blockLengths: [Int]

    public init(capacity: Int) {
        blockMeans = [Double](repeating: 0, count: capacity)
        blockWeights = [Double](repeating: 0, count: capacity)
        blockLengths = [Int](repeating: 0, count: capacity)
    }

    public var capacity: Int { blockMeans.count }

    /// Replaces `values` by their non-decreasing fit; `weights` (all > 0) default to 1 each.
    /// - Precondition: `values.count <= capacity`, and `weights` as long as `values` when given.
    public mutating func fit(_ values: inout [Double], weights: [Double]? = nil) {
        precondition(values.count <= capacity, "PoolAdjacentViolators: \(values.count) values for a capacity of \(capacity)")
        precondition(weights == nil || weights?.count == values.count, "PoolAdjacentViolators: one weight per value")
        var blocks = 0
        for index in values.indices {
            blockMeans[blocks] = values[index]
            blockWeights[blocks] = weights?[index] ?? 1
            blockLengths[blocks] = 1
            blocks += 1
            while blocks > 1 && blockMeans[blocks - 2] > blockMeans[blocks - 1] {
                let pooledWeight = blockWeights[blocks - 2] + blockWeights[blocks - 1]
                blockMeans[blocks - 2] = (blockMeans[blocks - 2] * blockWeights[blocks - 2]
                                          + blockMeans[blocks - 1] * blockWeights[blocks - 1]) / pooledWeight
                blockWeights[blocks - 2] = pooledWeight
                blockLengths[blocks - 2] += blockLengths[blocks - 1]
                blocks -= 1
            }
        }
        var position = 0
        for block in 0..<blocks {
            for _ in 0..<blockLengths[block] {
                values[position] = blockMeans[block]
                position += 1
            }
        }
    }
}
