import Kernel
import Messages

/// Sentiment: an EWMA of each symbol's sentiment readings (half of the weight on the last
/// `smoothing` readings), so one noisy reading does not swing the signal.
public struct SentimentModel: FeatureModel {
    public static let agentName = "sentiment"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<SentimentModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public static let modelVersion: UInt16 = 1
    private var smoothed: [Double?]
    private let weight: Double

    public init(symbolCount: Int, smoothing: Int = 5) {
        smoothed = Array(repeating: nil, count: symbolCount)
        weight = 2.0 / Double(smoothing + 1)
    }

    public mutating func absorb(_ datum: AltDatum) -> SymbolID? {
        guard datum.kind == .sentiment, Int(datum.symbol) < smoothed.count else { return nil }
        let index = Int(datum.symbol)
        smoothed[index] = smoothed[index].map { $0 + weight * (datum.value - $0) } ?? datum.value
        return datum.symbol
    }

    public func feature(of symbol: Int) -> Double? { smoothed[symbol] }
}
