import Kernel
import Messages

/// The book's figures: equity, PnL, exposures, and the performance of the equity curve.
extension Portfolio {
    /// Cash plus every position marked to market, in minor units.
    /// - Complexity: O(1).
    public var equityMinorUnits: Int64 { cashMinorUnits + positionsValueMinorUnits }

    /// Unrealized PnL per instrument: market value − open cost.
    public var unrealizedPnLMinorUnits: [Int64] {
        positions.indices.map { marketValuesMinorUnits[$0] - openCostMinorUnits[$0] }
    }

    public var totalRealizedPnLMinorUnits: Int64 { realizedPnLMinorUnits.reduce(0, +) }

    public var totalUnrealizedPnLMinorUnits: Int64 { unrealizedPnLMinorUnits.reduce(0, +) }

    /// Σ |market value| per sector.
    public var grossExposureBySectorMinorUnits: [Int64] { exposures.grossMinorUnits }

    /// Σ market value per sector (longs minus shorts).
    public var netExposureBySectorMinorUnits: [Int64] { exposures.netMinorUnits }

    /// Σ |market value| over all positions.
    public var grossExposureMinorUnits: Int64 { grossExposureBySectorMinorUnits.reduce(0, +) }

    /// Σ market value over all positions (longs minus shorts).
    public var netExposureMinorUnits: Int64 { netExposureBySectorMinorUnits.reduce(0, +) }

    /// The highest equity so far, on every fill and mark.
    public var peakEquityMinorUnits: Int64 { drawdown.peakEquityMinorUnits }

    /// The deepest fall of equity from its peak so far, on every fill and mark.
    public var maximumDrawdownMinorUnits: Int64 { drawdown.maximumDrawdownMinorUnits }

    /// The largest (peak − equity) / peak, on every fill and mark (the same marks as the amount).
    public var maximumDrawdownFraction: Double { drawdown.maximumDrawdownFraction }

    /// Fills that reduced or closed a position (they realize PnL).
    public var closes: Int { tradeTotals.closes }

    /// Closing fills whose realized PnL (before fees) was positive.
    public var winningCloses: Int { tradeTotals.winningCloses }

    /// Σ realized PnL of the winning closing fills (before fees).
    public var grossProfitMinorUnits: Int64 { tradeTotals.grossProfitMinorUnits }

    /// Σ |realized PnL| of the losing closing fills (before fees).
    public var grossLossMinorUnits: Int64 { tradeTotals.grossLossMinorUnits }

    /// The run's performance from the equity curve and the trading totals, annualized under
    /// `calendar` (``PerformanceMetrics/measure(curve:calendar:tradedNotionalMinorUnits:feesMinorUnits:trades:trials:)``).
    /// Call after ``recordFinalSample()`` (the kernel's `stop` does) to include the last stretch.
    /// - Parameter trials: strategy configurations tried, for the deflated Sharpe ratio.
    public func performanceMetrics(calendar: TradingCalendar = TradingCalendar(), trials: Int = 1) -> PerformanceMetrics {
        PerformanceMetrics.measure(curve: equityCurve, calendar: calendar, tradedNotionalMinorUnits: turnoverMinorUnits,
                                   feesMinorUnits: feesMinorUnits, trades: tradeTotals, trials: trials)
    }

    /// Bootstrap intervals of the headline figures (``MetricIntervals``) on the same basis returns
    /// as ``performanceMetrics(calendar:trials:)``; nil with too few returns.
    public func metricIntervals(calendar: TradingCalendar = TradingCalendar(), resamples: Int, seed: UInt64) -> MetricIntervals? {
        let (basis, equities) = ReturnBasis.choose(for: equityCurve, calendar: calendar)
        let returns = PerformanceMetrics.simpleReturns(initialEquityMinorUnits: equityCurve.initialEquityMinorUnits,
                                                       equitySamplesMinorUnits: equities)
        return MetricIntervals.measure(returns: returns, basis: basis, initialEquityMinorUnits: equityCurve.initialEquityMinorUnits,
                                       resamples: resamples, seed: seed)
    }
}
