#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages

/// Top Performers: cross-sectional momentum. Every `rankInterval` (1 minute), each symbol's log
/// return over the last `lookback` is ranked against the others; the feature is the centered rank
/// in [−1, 1] (the best performer +1, the worst −1). The mids are sampled into a ring of
/// lookback / rankInterval rows, so the ranks move every minute (version 1 re-ranked once per
/// lookback: 13 forecasts a session, too few for its regression to learn from — silent all day).
/// Needs at least two symbols.
public struct TopPerformersModel: FeatureModel {
    public static let agentName = "top-performers"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<TopPerformersModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public static let modelVersion: UInt16 = 2
    private let rankIntervalNanoseconds: DurationNanoseconds
    private let symbolCount: Int
    /// Rows of every symbol's log mid, one per rank interval; `ringRows` of them.
    private var ring: [Double]
    private let ringRows: Int
    private var rowsFilled = 0
    private var nextRow = 0
    private var currentLogMids: [Double?]
    private var nextRankTime: Timestamp?
    private var ranks: [Double?]
    private var returns: [Double]
    private var order: [Int]

    public init(symbolCount: Int, lookbackNanoseconds: DurationNanoseconds = 1_800_000_000_000,
                rankIntervalNanoseconds: DurationNanoseconds = 60_000_000_000) {
        precondition(rankIntervalNanoseconds > 0 && lookbackNanoseconds >= rankIntervalNanoseconds)
        self.rankIntervalNanoseconds = rankIntervalNanoseconds
        self.symbolCount = symbolCount
        ringRows = Int(lookbackNanoseconds / rankIntervalNanoseconds) + 1
        ring = Array(repeating: 0, count: ringRows * symbolCount)
        currentLogMids = Array(repeating: nil, count: symbolCount)
        ranks = Array(repeating: nil, count: symbolCount)
        returns = Array(repeating: 0, count: symbolCount)
        order = Array(0..<symbolCount)
    }

    public mutating func absorb(quote: Quote, time: Timestamp) -> SymbolID? {
        absorb(quote: quote, logMid: log(Double(quote.bidPrice + quote.askPrice) / 2), time: time)
    }

    /// ``absorb(quote:time:)`` with the quote's log mid already taken (the agent takes it once).
    public mutating func absorb(quote: Quote, logMid: Double, time: Timestamp) -> SymbolID? {
        let index = Int(quote.symbol)
        guard index < symbolCount, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return nil }
        currentLogMids[index] = logMid
        if nextRankTime == nil {
            guard currentLogMids.allSatisfy({ $0 != nil }) else { return nil }
            nextRankTime = time
        }
        guard let due = nextRankTime, time >= due else { return nil }
        nextRankTime = due + rankIntervalNanoseconds * ((time - due) / rankIntervalNanoseconds + 1)
        for symbol in 0..<symbolCount { ring[nextRow * symbolCount + symbol] = currentLogMids[symbol]! }
        let newest = nextRow
        nextRow = (nextRow + 1) % ringRows
        rowsFilled = min(rowsFilled + 1, ringRows)
        guard rowsFilled == ringRows, symbolCount >= 2 else { return nil }
        // The oldest row is the one the next sample overwrites: one lookback before the newest.
        for symbol in 0..<symbolCount { returns[symbol] = ring[newest * symbolCount + symbol] - ring[nextRow * symbolCount + symbol] }
        for position in order.indices { order[position] = position }
        order.sort { returns[$0] != returns[$1] ? returns[$0] < returns[$1] : $0 < $1 }
        for (rank, symbol) in order.enumerated() {
            ranks[symbol] = 2 * Double(rank) / Double(symbolCount - 1) - 1
        }
        return AltDatum.marketWide
    }

    public func feature(of symbol: Int) -> Double? { ranks[symbol] }
}
