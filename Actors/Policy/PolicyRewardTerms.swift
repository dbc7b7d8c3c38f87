/// A reward split into its terms (each already weighted and signed: the penalties negative), so
/// that a report can say where a total came from.
public struct PolicyRewardTerms: Sendable, Equatable {
    public var logReturn = 0.0
    public var drawdown = 0.0
    public var trade = 0.0
    public var holding = 0.0
    public var cost = 0.0

    public init() {}

    public var total: Double { logReturn + drawdown + trade + holding + cost }

    public static func += (sum: inout PolicyRewardTerms, terms: PolicyRewardTerms) {
        sum.logReturn += terms.logReturn
        sum.drawdown += terms.drawdown
        sum.trade += terms.trade
        sum.holding += terms.holding
        sum.cost += terms.cost
    }
}
