import Kernel
import Messages

/// Insider filings: a decayed net count of filings per symbol (+1 a purchase, −1 a sale), each
/// filing's weight halving every `halfLife` filings-intervals of the symbol's own data. Between
/// filings the feature decays toward 0 each time fundamentals arrive (the agent's clock).
public struct InsiderModel: FeatureModel {
    public static let agentName = "insider"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<InsiderModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public static let modelVersion: UInt16 = 1
    private var net: [Double]
    private var seen: [Bool]
    private let decay: Double

    public init(symbolCount: Int, decayPerUpdate: Double = 0.97) {
        net = Array(repeating: 0, count: symbolCount)
        seen = Array(repeating: false, count: symbolCount)
        decay = decayPerUpdate
    }

    public mutating func absorb(_ datum: AltDatum) -> SymbolID? {
        guard Int(datum.symbol) < net.count else { return nil }
        let index = Int(datum.symbol)
        switch datum.kind {
        case .insiderFiling:
            net[index] += datum.value > 0 ? 1 : -1
            seen[index] = true
            return datum.symbol
        case .sentiment:
            // Sentiment arrives every publish interval: use it as the clock of the decay.
            net[index] *= decay
            return nil
        default:
            return nil
        }
    }

    public func feature(of symbol: Int) -> Double? { seen[symbol] ? net[symbol] : nil }
}
