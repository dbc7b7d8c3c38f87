import Actors
import Kernel
import Messages
import ScenarioDefinition

/// What the run made and how: performance, execution and risk figures for the report.
public struct TradingFigures: Sendable, Codable, Equatable {
    public var final_equity: String
    public var pnl: String
    /// Which returns the ratios are on and how they are annualized.
    public var returns: ReturnFigures
    /// Annualized Sharpe and Sortino ratios of the basis returns.
    public var sharpe: Double?
    public var sortino: Double?
    /// Probability that the true Sharpe ratio beats the best of `returns.trials` skill-less trials.
    public var deflated_sharpe: Double?
    /// Compound annual growth rate of the basis returns, and it ÷ their maximum drawdown.
    public var annual_return: Double?
    public var calmar: Double?
    /// Largest fall of the equity from its peak, as a fraction of the peak (every fill and mark).
    public var max_drawdown: Double
    /// Expected shortfall of the per-sample returns at 95 %, a positive loss fraction.
    public var cvar_95: Double?
    /// Expected shortfall of the basis returns at 99 % (over `returns.horizon`), a positive loss fraction.
    public var cvar_99: Double?
    /// The longest stretch under a previous equity peak, simulated time, in seconds.
    public var longest_underwater_seconds: Double
    /// Gross profit ÷ gross loss of the closing fills (before fees).
    public var profit_factor: Double?
    /// Mean realized PnL per closing fill (before fees), in the account currency.
    public var expectancy: String?
    /// Traded notional ÷ initial equity.
    public var turnover: Double?
    /// Share of closing fills that realized a gain (before fees).
    public var hit_rate: Double?
    public var fees: String
    /// Notional-weighted implementation shortfall of the router's orders, fees included.
    public var implementation_shortfall_bps: Double?
    public var orders: Int
    public var fills: Int
    public var duplicate_fills_ignored: Int
    /// Quotes the portfolio refused as marks: they valued a held position beyond the valuation
    /// domain (docs/execution.md).
    public var marks_outside_valuation_domain = 0
    /// Venue rejects by reason.
    public var rejects: [String: Int]
    /// The gate's verdicts, absent without an execution side.
    public var gate: GateFigures?
    public var kill_switch_engaged: Bool
    /// 95 % bootstrap intervals of the headline figures, when asked for (`metrics.bootstrap`).
    public var bootstrap: BootstrapFigures?

    /// The basis of the return-based ratios (``ReturnBasis``).
    public struct ReturnFigures: Sendable, Codable, Equatable {
        /// `daily` or `per_sample`.
        public var basis: String
        /// What one return spans: `1d`, or the equity curve's sample interval.
        public var horizon: String
        /// How many returns.
        public var count: Int
        /// Dates with at least one equity sample.
        public var trading_days: Int
        /// Returns per year, and its square root, which multiplies the Sharpe and Sortino ratios.
        public var periods_per_year: Double
        public var annualization_factor: Double
        /// Trials the deflated Sharpe ratio assumes.
        public var trials: Int
    }

    /// The gate's counts.
    public struct GateFigures: Sendable, Codable, Equatable {
        public var approved: Int
        public var projected: Int
        public var rejected: Int
        /// Decisions that named each reason (a decision may name several).
        public var by_reason: [String: Int]
    }
}

extension ScenarioRun {
    /// Reads the trading figures from the finished components (on the kernel thread).
    func tradingFigures(orders: Int) -> TradingFigures {
        let settings = scenario.metrics
        let metrics = portfolio.assumeIsolated { portfolio in
            portfolio.recordFinalSample()
            return (portfolio.performanceMetrics(calendar: settings.calendar, trials: settings.trials), portfolio.fills, portfolio.duplicateFillsIgnored, portfolio.maximumDrawdownFraction)
        }
        let refusedMarks = portfolio.assumeIsolated { $0.marksOutsideValuationDomain }
        let rejects = broker.assumeIsolated { broker in
            var counts: [String: Int] = [:]
            for reason in ExecutionReport.RejectReason.allCases where reason != .none && broker.rejects(reason) > 0 {
                counts[reason.description] = broker.rejects(reason)
            }
            return counts
        }
        let gate = execution?.gate.assumeIsolated { gate in
            (TradingFigures.GateFigures(approved: gate.outcomeCounts[.approved] ?? 0, projected: gate.outcomeCounts[.projected] ?? 0,
                                        rejected: gate.outcomeCounts[.rejected] ?? 0, by_reason: gate.reasonCounts),
             gate.killSwitchEngaged)
        }
        let shortfall = execution?.router.assumeIsolated { $0.implementationShortfallBasisPoints } ?? nil
        let (performance, fills, duplicates, drawdown) = metrics
        let basis = performance.basis
        let returns = TradingFigures.ReturnFigures(basis: basis.kind.rawValue, horizon: DurationText.format(basis.horizonNanoseconds),
                                    count: performance.returnCount, trading_days: basis.tradingDays,
                                    periods_per_year: basis.periodsPerYear, annualization_factor: basis.annualizationFactor,
                                    trials: performance.trials)
        // Expectancy in minor units, rounded half away from zero to the cent.
        let expectancy = performance.trades.expectancyMinorUnits.map { DecimalText.format(Int64($0.rounded()), precision: 2) }
        var figures = TradingFigures(
            final_equity: DecimalText.format(performance.finalEquityMinorUnits, precision: 2),
            pnl: DecimalText.format(performance.pnlMinorUnits, precision: 2), returns: returns,
            sharpe: performance.sharpe, sortino: performance.sortino, deflated_sharpe: performance.deflatedSharpe,
            annual_return: performance.annualReturn, calmar: performance.calmar,
            max_drawdown: drawdown, cvar_95: performance.cvar95, cvar_99: performance.cvar99,
            longest_underwater_seconds: Double(performance.longestUnderwaterNanoseconds) / 1e9,
            profit_factor: performance.trades.profitFactor, expectancy: expectancy,
            turnover: performance.turnover, hit_rate: performance.hitRate,
            fees: DecimalText.format(performance.feesMinorUnits, precision: 2), implementation_shortfall_bps: shortfall, orders: orders,
            fills: fills, duplicate_fills_ignored: duplicates, rejects: rejects, gate: gate?.0, kill_switch_engaged: gate?.1 ?? false)
        figures.marks_outside_valuation_domain = refusedMarks
        if settings.bootstrapResamples > 0 {
            let seed = kernel.configuration.seed
            figures.bootstrap = portfolio.assumeIsolated {
                $0.metricIntervals(calendar: settings.calendar, resamples: settings.bootstrapResamples, seed: seed)
            }.map { BootstrapFigures($0) }
        }
        return figures
    }
}

extension ScenarioRun {
    /// Reads the time series from the finished components (on the kernel thread, after the final
    /// sample) and takes the last of the history.
    func series() -> (RunSeries, PnLAttribution) {
        let (latencies, ackLatencies) = execution?.router.assumeIsolated { ($0.fillLatencyNanoseconds, $0.ackLatencyNanoseconds) }
            ?? (PowerOfTwoHistogram(), PowerOfTwoHistogram())
        let universe = scenario.universe
        let attribution = history.finish()
        let (initial, times, equity, marks) = portfolio.assumeIsolated { portfolio in
            (portfolio.initialCashMinorUnits, portfolio.equityCurve.sampleTimes, portfolio.equityCurve.samplesMinorUnits, portfolio.markSamples)
        }
        let series = RunSeries(symbols: universe.map(\.symbol), pricePrecision: universe.map(\.pricePrecision), initialEquityMinorUnits: initial,
                               sampleTimes: times, equityMinorUnits: equity, marks: marks, fills: history.chartFills,
                               fillLatencyNanoseconds: latencies, ackLatencyNanoseconds: ackLatencies)
        return (series, attribution)
    }
}
