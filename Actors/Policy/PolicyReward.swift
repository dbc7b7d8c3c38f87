/// How a policy stage scores the interval between two decisions (`policy.reward`, docs/python.md):
///
/// reward = log_return · ln(Eₜ / Eₜ₋₁) − drawdown · (Dₜ − Dₜ₋₁)⁺ − trade · [the action changed the
/// target] − holding · [a position was held] − cost · feesₜ / Eₜ₋₁
///
/// with E the account's equity at the marks, D its drawdown from the peak (a fraction), and fees
/// those of the interval's fills. Equity already pays the fees; `cost` charges them again, so that
/// a policy can be taught to trade less than its own PnL would.
public struct PolicyReward: Sendable, Equatable {
    public var logReturn: Double
    public var drawdown: Double
    public var trade: Double
    public var holding: Double
    public var cost: Double

    public init(logReturn: Double = 1, drawdown: Double = 0, trade: Double = 0, holding: Double = 0, cost: Double = 0) {
        self.logReturn = logReturn
        self.drawdown = drawdown
        self.trade = trade
        self.holding = holding
        self.cost = cost
    }

    /// The reward of one interval.
    /// - Parameters:
    ///   - drawdownIncrease: how much deeper the drawdown got over the interval (0 if it did not).
    ///   - traded: the decision that opened the interval changed the target.
    ///   - held: a position was open during the interval.
    ///   - feeShare: the interval's fees over the equity at its start.
    public func score(logReturn value: Double, drawdownIncrease: Double, traded: Bool, held: Bool, feeShare: Double) -> Double {
        terms(logReturn: value, drawdownIncrease: drawdownIncrease, traded: traded, held: held, feeShare: feeShare).total
    }

    /// The same, term by term.
    public func terms(logReturn value: Double, drawdownIncrease: Double, traded: Bool, held: Bool, feeShare: Double) -> PolicyRewardTerms {
        var terms = PolicyRewardTerms()
        terms.logReturn = logReturn * value
        terms.drawdown = -drawdown * max(drawdownIncrease, 0)
        terms.trade = traded ? -trade : 0
        terms.holding = held ? -holding : 0
        terms.cost = -cost * feeShare
        return terms
    }
}
