#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel

/// Top Performers: cross-sectional momentum. Every `lookback` of time, each symbol's log return
/// over the last lookback is ranked against the others; the feature is the centered rank in
/// [−1, 1] (the best performer +1, the worst −1). Needs at least two symbols.
public struct TopPerformersModel: FeatureModel {
    public static let agentName = "top-performers"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<TopPerformersModel>, Delivery) -> Void { { $0.receive($1) } }
    public static let modelVersion: UInt16 = 1
    private let lookbackNanoseconds: DurationNanoseconds
    private var anchorLogMids: [Double?]
    private var currentLogMids: [Double?]
    private var anchorTime: Timestamp?
    private var ranks: [Double?]

    public init(symbolCount: Int, lookbackNanoseconds: DurationNanoseconds = 1_800_000_000_000) {
        self.lookbackNanoseconds = lookbackNanoseconds
        anchorLogMids = Array(repeating: nil, count: symbolCount)
        currentLogMids = Array(repeating: nil, count: symbolCount)
        ranks = Array(repeating: nil, count: symbolCount)
    }

    public mutating func absorb(quote: Quote, time: Timestamp) -> SymbolID? {
        absorb(quote: quote, logMid: log(Double(quote.bidPrice + quote.askPrice) / 2), time: time)
    }

    /// ``absorb(quote:time:)`` with the quote's log mid already taken (the agent takes it once).
    public mutating func absorb(quote: Quote, logMid: Double, time: Timestamp) -> SymbolID? {
        let index = Int(quote.symbol)
        guard index < currentLogMids.count, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return nil }
        currentLogMids[index] = logMid
        guard let anchor = anchorTime else {
            if currentLogMids.allSatisfy({ $0 != nil }) {
                anchorLogMids = currentLogMids
                anchorTime = time
            }
            return nil
        }
        guard time &- anchor >= lookbackNanoseconds, currentLogMids.count >= 2 else { return nil }
        let returns = currentLogMids.indices.map { currentLogMids[$0]! - anchorLogMids[$0]! }
        let order = returns.indices.sorted { returns[$0] != returns[$1] ? returns[$0] < returns[$1] : $0 < $1 }
        for (rank, symbol) in order.enumerated() {
            ranks[symbol] = 2 * Double(rank) / Double(order.count - 1) - 1
        }
        anchorLogMids = currentLogMids
        anchorTime = time
        return AltDatum.marketWide
    }

    public func feature(of symbol: Int) -> Double? { ranks[symbol] }
}
