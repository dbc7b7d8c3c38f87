#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages

/// Hedging: beta to the index. Returns are sampled every `sampleInterval`; the index is the
/// equal-weighted mean return of the universe. Each symbol's β to the index is an exponentially
/// weighted regression slope; the feature is −β × the index's recent trend (EWMA of its
/// returns): the position that offsets the book's market exposure. The agent's own regression
/// then decides, from realized returns, how much that is worth.
public struct HedgingModel: FeatureModel {
    public static let agentName = "hedging"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<HedgingModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public static let modelVersion: UInt16 = 1
    private let symbolCount: Int
    private var sampler: IntervalSampler
    private var betas: [OnlineRegression]
    private var indexTrend = 0.0
    private var samples = 0

    public init(symbolCount: Int, sampleInterval: DurationNanoseconds = 60_000_000_000) {
        self.symbolCount = symbolCount
        sampler = IntervalSampler(symbolCount: symbolCount, intervalNanoseconds: sampleInterval)
        betas = Array(repeating: OnlineRegression(forgetting: 0.99), count: symbolCount)
    }

    public mutating func absorb(quote: Quote, time: Timestamp) -> SymbolID? {
        absorb(quote: quote, logMid: log(Double(quote.bidPrice + quote.askPrice) / 2), time: time)
    }

    /// ``absorb(quote:time:)`` with the quote's log mid already taken (the agent takes it once).
    public mutating func absorb(quote: Quote, logMid: Double, time: Timestamp) -> SymbolID? {
        let index = Int(quote.symbol)
        guard index < symbolCount, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return nil }
        guard let returns = sampler.observe(symbol: index, logMid: logMid, time: time) else { return nil }
        let market = returns.reduce(0, +) / Double(symbolCount)
        for symbol in 0..<symbolCount { betas[symbol].add(x: market, y: returns[symbol]) }
        indexTrend += 0.1 * (market - indexTrend)
        samples += 1
        return samples >= 20 ? AltDatum.marketWide : nil
    }

    /// The symbol's β to the equal-weighted index.
    public func beta(of symbol: Int) -> Double { betas[symbol].slope }

    public func feature(of symbol: Int) -> Double? { samples >= 20 ? -betas[symbol].slope * indexTrend : nil }
}
