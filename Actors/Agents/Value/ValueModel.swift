import Kernel
import Messages

/// Value: the average of two standardized fundamentals, earnings yield and book-to-price, each
/// smoothed over its readings (fundamentals are noisy snapshots of a slow truth).
public struct ValueModel: FeatureModel {
    public static let agentName = "value"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<ValueModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public static let modelVersion: UInt16 = 1
    private var earningsYield: [Double?]
    private var bookToPrice: [Double?]

    public init(symbolCount: Int) {
        earningsYield = Array(repeating: nil, count: symbolCount)
        bookToPrice = Array(repeating: nil, count: symbolCount)
    }

    public mutating func absorb(_ datum: AltDatum) -> SymbolID? {
        guard Int(datum.symbol) < earningsYield.count else { return nil }
        let index = Int(datum.symbol)
        switch datum.kind {
        case .earningsYield:
            earningsYield[index] = earningsYield[index].map { $0 + 0.1 * (datum.value - $0) } ?? datum.value
            return datum.symbol
        case .bookToPrice:
            bookToPrice[index] = bookToPrice[index].map { $0 + 0.1 * (datum.value - $0) } ?? datum.value
            return nil
        default:
            return nil
        }
    }

    /// (earnings yield − 5 %) / 2 % and (book-to-price − 0.5) / 0.2, averaged: 0 is the market's
    /// typical stock, +1 one standard deviation cheaper.
    public func feature(of symbol: Int) -> Double? {
        guard let yield = earningsYield[symbol], let book = bookToPrice[symbol] else { return nil }
        return ((yield - 0.05) / 0.02 + (book - 0.5) / 0.2) / 2
    }
}
