import Kernel
import Messages

/// Undervalued: value relative to sector peers. Each symbol's smoothed earnings yield minus the
/// mean of its sector (in units of 2 % of yield): cheap against its own sector, not merely
/// cheap. Needs every symbol of the sector to have reported.
public struct UndervaluedModel: FeatureModel {
    public static let agentName = "undervalued"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<UndervaluedModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public static let modelVersion: UInt16 = 1
    private let sectors: [Int]
    private var yields: [Double?]

    /// - Parameter sectors: sector index per symbol.
    public init(sectors: [Int]) {
        self.sectors = sectors
        yields = Array(repeating: nil, count: sectors.count)
    }

    public mutating func absorb(_ datum: AltDatum) -> SymbolID? {
        guard datum.kind == .earningsYield, Int(datum.symbol) < yields.count else { return nil }
        let index = Int(datum.symbol)
        yields[index] = yields[index].map { $0 + 0.1 * (datum.value - $0) } ?? datum.value
        return datum.symbol
    }

    public func feature(of symbol: Int) -> Double? {
        guard let own = yields[symbol] else { return nil }
        var sum = 0.0
        var count = 0
        for peer in sectors.indices where sectors[peer] == sectors[symbol] {
            guard let yield = yields[peer] else { return nil }
            sum += yield
            count += 1
        }
        return (own - sum / Double(count)) / 0.02
    }
}
