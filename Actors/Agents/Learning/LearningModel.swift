#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages

/// Learning: an online linear model on several features at once, fitted by recursive least
/// squares (forgetting 0.998, ridge prior). Every `sampleInterval` per symbol it takes the
/// features — the last interval's return (momentum), the book imbalance, the latest sentiment
/// and fund flow (0 when absent) — and, one interval later, learns from the return that
/// followed. The feature it hands the agent is its own prediction of the next interval's return.
public struct LearningModel: FeatureModel {
    public static let agentName = "learning"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<LearningModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public static let modelVersion: UInt16 = 1
    static let dimension = 5  // bias, momentum, imbalance, sentiment, flow

    private let sampleInterval: DurationNanoseconds
    private var models: [RecursiveLeastSquares]
    private var logMids: [Double?]
    private var lastSampleLogMid: [Double?]
    private var lastFeatures: [[Double]?]
    private var nextSample: [Timestamp?]
    private var imbalance: [Double]
    private var sentiment: [Double]
    private var flow: [Double]
    private var predictions: [Double?]

    public init(symbolCount: Int, sampleInterval: DurationNanoseconds = 60_000_000_000) {
        self.sampleInterval = sampleInterval
        models = Array(repeating: RecursiveLeastSquares(dimension: LearningModel.dimension), count: symbolCount)
        logMids = Array(repeating: nil, count: symbolCount)
        lastSampleLogMid = Array(repeating: nil, count: symbolCount)
        lastFeatures = Array(repeating: nil, count: symbolCount)
        nextSample = Array(repeating: nil, count: symbolCount)
        imbalance = Array(repeating: 0, count: symbolCount)
        sentiment = Array(repeating: 0, count: symbolCount)
        flow = Array(repeating: 0, count: symbolCount)
        predictions = Array(repeating: nil, count: symbolCount)
    }

    public mutating func absorb(_ datum: AltDatum) -> SymbolID? {
        guard Int(datum.symbol) < sentiment.count else { return nil }
        switch datum.kind {
        case .sentiment: sentiment[Int(datum.symbol)] = datum.value
        case .fundFlow: flow[Int(datum.symbol)] = datum.value
        default: break
        }
        return nil
    }

    public mutating func absorb(quote: Quote, time: Timestamp) -> SymbolID? {
        absorb(quote: quote, logMid: log(Double(quote.bidPrice + quote.askPrice) / 2), time: time)
    }

    /// ``absorb(quote:time:)`` with the quote's log mid already taken (the agent takes it once).
    public mutating func absorb(quote: Quote, logMid: Double, time: Timestamp) -> SymbolID? {
        let index = Int(quote.symbol)
        guard index < models.count, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return nil }
        logMids[index] = logMid
        if quote.bidSize + quote.askSize > 0 {
            imbalance[index] += 0.1 * (Double(quote.bidSize - quote.askSize) / Double(quote.bidSize + quote.askSize) - imbalance[index])
        }
        guard let due = nextSample[index] else {
            nextSample[index] = time + sampleInterval
            lastSampleLogMid[index] = logMid
            return nil
        }
        guard time >= due else { return nil }
        nextSample[index] = due + sampleInterval * ((time - due) / sampleInterval + 1)
        let realized = logMid - lastSampleLogMid[index]!
        lastSampleLogMid[index] = logMid
        if let previous = lastFeatures[index] { models[index].update(x: previous, y: realized) }
        let features = [1, realized, imbalance[index], sentiment[index], flow[index]]
        lastFeatures[index] = features
        guard models[index].updates >= 20 else { return nil }
        predictions[index] = models[index].predict(features)
        return quote.symbol
    }

    public func feature(of symbol: Int) -> Double? { predictions[symbol] }
}
