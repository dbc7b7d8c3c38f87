#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages

/// σ of each symbol's daily return, from its mid sampled once a minute: an EWMA (weight 0.05) of
/// squared 1-minute log returns, scaled by the 390 minutes of a session. The gate prices trade
/// risk with it, the router market impact.
public struct DailyVolatility: Sendable {
    /// σ_daily per symbol (starts at 2 %).
    public private(set) var values: [Double]
    private var sampledMids: [Int64]

    public init(symbolCount: Int, initial: Double = 0.02) {
        values = Array(repeating: initial, count: symbolCount)
        sampledMids = Array(repeating: 0, count: symbolCount)
    }

    public subscript(symbol: Int) -> Double { values[symbol] }

    /// One minute's sample; `mids[i]` ≤ 0 means no quote yet.
    public mutating func sample(mids: [Int64]) {
        for index in values.indices where mids[index] > 0 {
            if sampledMids[index] > 0 {
                let change = log(Double(mids[index]) / Double(sampledMids[index]))
                let variance = values[index] * values[index] / 390
                values[index] = ((variance + 0.05 * (change * change - variance)) * 390).squareRoot()
            }
            sampledMids[index] = mids[index]
        }
    }
}
