import Kernel
import Messages

/// Macro: risk-on / risk-off from the volatility index and the credit spread. The feature is
/// the negative of the volatility index's deviation from its slow average (in points), plus the
/// same for the credit spread scaled to comparable units: calm and tightening is risk-on (> 0),
/// a volatility spike is risk-off (< 0). Market-wide: every symbol gets the same feature, and
/// the regime label says which side (1 risk-on, 2 risk-off).
public struct MacroModel: FeatureModel {
    public static let agentName = "macro"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<MacroModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public static let modelVersion: UInt16 = 1
    private var volatilityIndex: Double?
    private var volatilityAverage: Double?
    private var creditSpread: Double?
    private var creditAverage: Double?

    public init() {}

    public mutating func absorb(_ datum: AltDatum) -> SymbolID? {
        switch datum.kind {
        case .volatilityIndex:
            volatilityIndex = datum.value
            volatilityAverage = volatilityAverage.map { $0 + 0.02 * (datum.value - $0) } ?? datum.value
            return AltDatum.marketWide
        case .creditSpread:
            creditSpread = datum.value
            creditAverage = creditAverage.map { $0 + 0.02 * (datum.value - $0) } ?? datum.value
            return nil
        default:
            return nil
        }
    }

    public func feature(of symbol: Int) -> Double? {
        guard let volatilityIndex, let volatilityAverage else { return nil }
        let credit = (creditSpread ?? 0) - (creditAverage ?? 0)
        return -(volatilityIndex - volatilityAverage) / 5 - credit / 0.25
    }

    public var regime: UInt8 {
        guard let feature = feature(of: 0) else { return 0 }
        return feature >= 0 ? 1 : 2
    }
}
