#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages

/// Causal: lead–lag between symbols. Returns are sampled every `sampleInterval` (from the
/// quotes); for every ordered pair (leader j, follower i) an exponentially weighted correlation
/// of r_i(t) with r_j(t − 1) is kept. A symbol's feature is its strongest leader's latest
/// return, signed by that correlation: if j's moves show up in i one interval later, j's move
/// now is i's forecast. Pairs need `minimumSamples` samples before they count.
public struct CausalModel: FeatureModel {
    public static let agentName = "causal"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<CausalModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public static let modelVersion: UInt16 = 1
    private let symbolCount: Int
    private let decay: Double
    private let minimumSamples: Int
    private var sampler: IntervalSampler
    private var lastReturns: [Double]?
    private var samples = 0
    /// Moments per pair, index follower × count + leader: Σx (leader lagged), Σy, Σxx, Σyy, Σxy.
    private var moments: [[Double]]
    private var features: [Double?]

    public init(symbolCount: Int, sampleInterval: DurationNanoseconds = 60_000_000_000, halfLifeSamples: Double = 200,
                minimumSamples: Int = 30) {
        self.symbolCount = symbolCount
        decay = pow(0.5, 1 / halfLifeSamples)
        self.minimumSamples = minimumSamples
        sampler = IntervalSampler(symbolCount: symbolCount, intervalNanoseconds: sampleInterval)
        moments = Array(repeating: [0, 0, 0, 0, 0, 0], count: symbolCount * symbolCount)
        features = Array(repeating: nil, count: symbolCount)
    }

    public mutating func absorb(quote: Quote, time: Timestamp) -> SymbolID? {
        absorb(quote: quote, logMid: log(Double(quote.bidPrice + quote.askPrice) / 2), time: time)
    }

    /// ``absorb(quote:time:)`` with the quote's log mid already taken (the agent takes it once).
    public mutating func absorb(quote: Quote, logMid: Double, time: Timestamp) -> SymbolID? {
        let index = Int(quote.symbol)
        guard index < symbolCount, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return nil }
        guard let returns = sampler.observe(symbol: index, logMid: logMid, time: time) else { return nil }
        return takeSample(returns)
    }

    private mutating func takeSample(_ returns: [Double]) -> SymbolID? {
        defer { lastReturns = returns }
        guard let lagged = lastReturns else { return nil }
        samples += 1
        for follower in 0..<symbolCount {
            for leader in 0..<symbolCount where leader != follower {
                let (x, y) = (lagged[leader], returns[follower])
                var m = moments[follower * symbolCount + leader]
                m[0] = decay * m[0] + 1
                m[1] = decay * m[1] + x
                m[2] = decay * m[2] + y
                m[3] = decay * m[3] + x * x
                m[4] = decay * m[4] + y * y
                m[5] = decay * m[5] + x * y
                moments[follower * symbolCount + leader] = m
            }
        }
        guard samples >= minimumSamples else { return nil }
        for follower in 0..<symbolCount {
            var best: (leader: Int, correlation: Double)?
            for leader in 0..<symbolCount where leader != follower {
                let correlation = CausalModel.correlation(moments[follower * symbolCount + leader])
                if best == nil || abs(correlation) > abs(best!.correlation) { best = (leader, correlation) }
            }
            if let best { features[follower] = returns[best.leader] * (best.correlation >= 0 ? 1 : -1) * abs(best.correlation) }
        }
        return AltDatum.marketWide
    }

    /// The strongest leader of `follower` and its lag-1 correlation, once enough samples are in.
    public func leader(of follower: Int) -> (symbol: Int, correlation: Double)? {
        guard samples >= minimumSamples else { return nil }
        var best: (Int, Double)?
        for leader in 0..<symbolCount where leader != follower {
            let correlation = CausalModel.correlation(moments[follower * symbolCount + leader])
            if best == nil || abs(correlation) > abs(best!.1) { best = (leader, correlation) }
        }
        return best
    }

    public func feature(of symbol: Int) -> Double? { features[symbol] }

    static func correlation(_ m: [Double]) -> Double {
        let weight = m[0]
        guard weight > 2 else { return 0 }
        let covariance = m[5] - m[1] * m[2] / weight
        let varianceX = m[3] - m[1] * m[1] / weight
        let varianceY = m[4] - m[2] * m[2] / weight
        guard varianceX > 0, varianceY > 0 else { return 0 }
        return covariance / (varianceX * varianceY).squareRoot()
    }
}
