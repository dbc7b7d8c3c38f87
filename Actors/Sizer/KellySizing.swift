/// Position sizing from a forecast, step by step, each step kept for the intent:
/// 1. fractional Kelly: w = fraction × μ / σ² (share of equity, signed);
/// 2. volatility cap: |w| × σ ≤ `maximumVolatility` (the position's 1σ horizon move, as a share
///    of equity);
/// 3. drawdown governor: × max(0, 1 − drawdown / `drawdownLimit`) — size shrinks linearly to 0 at
///    the limit;
/// 4. CVaR: × min(1, `cvarBudget` / CVaR₉₅ of recent portfolio returns);
/// 5. per-trade risk: the trade's 1σ move |Δw| × σ ≤ `maximumTradeRisk` of equity;
/// 6. lots: rounded toward zero to whole lots; trades below `minimumNotional` are dropped.
public struct KellySizing: Sendable, Equatable {
    public var kellyFraction: Double
    public var maximumVolatility: Double
    public var drawdownLimit: Double
    public var cvarBudget: Double
    public var maximumTradeRisk: Double
    public var minimumNotionalMinorUnits: Int64

    public init(kellyFraction: Double = 0.25, maximumVolatility: Double = 0.02, drawdownLimit: Double = 0.05,
                cvarBudget: Double = 0.01, maximumTradeRisk: Double = 0.01, minimumNotionalMinorUnits: Int64 = 1_000) {
        self.kellyFraction = kellyFraction
        self.maximumVolatility = maximumVolatility
        self.drawdownLimit = drawdownLimit
        self.cvarBudget = cvarBudget
        self.maximumTradeRisk = maximumTradeRisk
        self.minimumNotionalMinorUnits = minimumNotionalMinorUnits
    }

    /// The numbers behind one sizing.
    public struct Result: Sendable, Equatable {
        public var kellyWeight: Double
        public var cappedWeight: Double
        public var drawdownScale: Double
        public var cvarScale: Double
        /// Signed lots wanted.
        public var targetQuantity: Int64
    }

    /// - Parameters:
    ///   - mu, sigma: the forecast's expected log return and its uncertainty over the horizon.
    ///   - equityMinorUnits: the account's equity now; `drawdown`: (peak − equity) / peak.
    ///   - lotNotionalMinorUnits: the notional of one lot at the current mark.
    ///   - currentQuantity: the position now, in lots.
    public func size(mu: Double, sigma: Double, equityMinorUnits: Int64, drawdown: Double, cvar: Double?,
                     lotNotionalMinorUnits: Int64, currentQuantity: Int64) -> Result {
        // σ below a hundredth of a basis point is no estimate (and σ² would underflow).
        guard mu.isFinite, sigma.isFinite, sigma >= 1e-6, equityMinorUnits > 0, lotNotionalMinorUnits > 0 else {
            return Result(kellyWeight: 0, cappedWeight: 0, drawdownScale: 0, cvarScale: 0, targetQuantity: 0)
        }
        let kelly = kellyFraction * mu / (sigma * sigma)
        let volatilityLimit = maximumVolatility / sigma
        var weight = min(max(kelly, -volatilityLimit), volatilityLimit)
        let drawdownScale = min(max(1 - max(drawdown, 0) / drawdownLimit, 0), 1)
        let cvarScale = cvar.map { $0 > cvarBudget ? cvarBudget / $0 : 1 } ?? 1
        weight *= drawdownScale * cvarScale
        let equity = Double(equityMinorUnits)
        let currentWeight = Double(currentQuantity) * Double(lotNotionalMinorUnits) / equity
        let tradeLimit = maximumTradeRisk / sigma
        weight = currentWeight + min(max(weight - currentWeight, -tradeLimit), tradeLimit)
        // Bounded before the conversion: a weight is at most 100× equity.
        weight = min(max(weight, -100), 100)
        // No target beyond the valuation domain (MarketBounds): at most the lots it can hold.
        let maximumLots = Double(MarketBounds.maximumPositionValueMinorUnits / lotNotionalMinorUnits)
        var target = Int64(min(max((weight * equity / Double(lotNotionalMinorUnits)).rounded(.towardZero), -maximumLots), maximumLots))
        let (change, changeOverflow) = target.subtractingReportingOverflow(currentQuantity)
        let (changeNotional, notionalOverflow) = change.magnitude.multipliedReportingOverflow(by: UInt64(lotNotionalMinorUnits))
        if !changeOverflow, !notionalOverflow, changeNotional < UInt64(max(minimumNotionalMinorUnits, 0)), target != 0 {
            target = currentQuantity
        }
        return Result(kellyWeight: kelly, cappedWeight: weight, drawdownScale: drawdownScale, cvarScale: cvarScale,
                      targetQuantity: target)
    }
}
