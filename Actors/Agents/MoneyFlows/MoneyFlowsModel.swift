import Kernel
import Messages

/// Money flows: the latest fund-flow reading per symbol, standardized by its running mean and
/// deviation (Welford), so the feature is comparable across symbols.
public struct MoneyFlowsModel: FeatureModel {
    public static let agentName = "money-flows"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<MoneyFlowsModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public static let modelVersion: UInt16 = 1
    private var latest: [Double?]
    private var count: [Double]
    private var mean: [Double]
    private var squares: [Double]

    public init(symbolCount: Int) {
        latest = Array(repeating: nil, count: symbolCount)
        count = Array(repeating: 0, count: symbolCount)
        mean = Array(repeating: 0, count: symbolCount)
        squares = Array(repeating: 0, count: symbolCount)
    }

    public mutating func absorb(_ datum: AltDatum) -> SymbolID? {
        guard datum.kind == .fundFlow, Int(datum.symbol) < latest.count else { return nil }
        let index = Int(datum.symbol)
        count[index] += 1
        let delta = datum.value - mean[index]
        mean[index] += delta / count[index]
        squares[index] += delta * (datum.value - mean[index])
        latest[index] = datum.value
        return datum.symbol
    }

    public func feature(of symbol: Int) -> Double? {
        guard let value = latest[symbol], count[symbol] >= 5 else { return nil }
        let deviation = (squares[symbol] / (count[symbol] - 1)).squareRoot()
        return deviation > 0 ? (value - mean[symbol]) / deviation : 0
    }
}
