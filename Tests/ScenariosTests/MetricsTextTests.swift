import Actors
import Kernel
import Messages
@testable import ScenarioReports
@testable import ScenarioRunning
import Scenarios
import Testing

/// The report's labels: what each metric is computed on, and the selector's correlation change
/// read in the right direction.
@Suite struct MetricsTextTests {
    @Test func aReductionBeyondZeroReadsAsAReduction() {
        // calm-day's figures: top-K 0.107, the slate −0.119.
        #expect(MetricsText.correlationChange(topK: 0.107, selected: -0.119) == "top-K 0.107 → slate -0.119: -0.226, a 211 % reduction")
        #expect(MetricsText.correlationChange(topK: 0.212, selected: 0.005) == "top-K 0.212 → slate 0.005: -0.207, a 98 % reduction")
    }

    @Test func anIncreaseReadsAsAnIncrease() {
        #expect(MetricsText.correlationChange(topK: 0.1, selected: 0.15) == "top-K 0.100 → slate 0.150: +0.050, a 50 % increase")
    }

    @Test func noPercentageOfANonPositiveTopK() {
        #expect(MetricsText.correlationChange(topK: -0.05, selected: -0.1) == "top-K -0.050 → slate -0.100: -0.050")
        #expect(MetricsText.correlationChange(topK: 0, selected: 0) == "top-K 0.000 → slate 0.000: +0.000")
    }

    @Test func singlePickSlatesHaveNoPairs() {
        let single = SelectorFigures(slates: 2_083, measuredSlates: 0, explorations: 33, averagePairCorrelation: 0,
                                     topKAveragePairCorrelation: 0, selectedAveragePairCorrelation: 0, correlationReduction: nil)
        #expect(MetricsText.selector(single) == "2,083 slates (0 with a pair to correlate): no pair to correlate")
        let triple = SelectorFigures(slates: 360, measuredSlates: 330, explorations: 29, averagePairCorrelation: 0.004,
                                     topKAveragePairCorrelation: 0.1, selectedAveragePairCorrelation: 0.15, correlationReduction: -0.5)
        #expect(MetricsText.selector(triple) == "360 slates (330 with a pair to correlate), mean pair correlation top-K 0.100 → slate 0.150: +0.050, a 50 % increase")
    }

    @Test func theBasisIsStated() {
        let daily = TradingFigures.ReturnFigures(basis: "daily", horizon: "1d", count: 84, trading_days: 84, periods_per_year: 252,
                                                 annualization_factor: 252.0.squareRoot(), trials: 1)
        #expect(MetricsText.ratio(1.234, daily) == "1.23 (daily returns, ×√252; 84 returns)")
        #expect(MetricsText.cvar99(0.01234, daily) == "1.234 % (mean loss of the worst 1 % of daily returns)")
        let minute = TradingFigures.ReturnFigures(basis: "per_sample", horizon: "1m", count: 390, trading_days: 1, periods_per_year: 98_280,
                                                  annualization_factor: 98_280.0.squareRoot(), trials: 1)
        #expect(MetricsText.ratio(20.27, minute) == "20.27 (per-1m returns, ×√98,280 = 313.5; 390 returns in 1 trading day: indicative)")
        #expect(MetricsText.ratio(nil, minute).hasPrefix("- (per-1m returns"))
        #expect(MetricsText.deflatedSharpe(0.9, trials: 1) == "0.900 (P[true Sharpe > 0], 1 trial)")
        #expect(MetricsText.duration(seconds: 3 * 86_400) == "3.0 days")
        #expect(MetricsText.duration(seconds: 5_400) == "1.5 h")
        #expect(MetricsText.duration(seconds: 600) == "10 min")
    }

    @Test func theMetricsSectionSetsTheCalendar() throws {
        let base = try String(contentsOfFile: "Scenarios/Library/calm-day.yaml", encoding: .utf8)
        let scenario = try ScenarioLoader.parse(base + "\nmetrics: { trading_days_per_year: 365, session: 24h, weekends: true, trials: 20 }\n", file: "m.yaml")
        #expect(scenario.metrics == MetricsSettings(calendar: TradingCalendar(tradingDaysPerYear: 365, sessionNanoseconds: 86_400_000_000_000,
                                                                                    tradesOnWeekends: true),
                                                    trials: 20))
        #expect(try ScenarioLoader.parse(base, file: "m.yaml").metrics == MetricsSettings())
        #expect {
            _ = try ScenarioLoader.parse(base + "\nmetrics: { session: 30s }\n", file: "m.yaml")
        } throws: { "\($0)".contains("m.yaml:") && "\($0)".contains("metrics.session must lie between 1m and 24h") }
        #expect {
            _ = try ScenarioLoader.parse(base + "\nmetrics: { trials: 0 }\n", file: "m.yaml")
        } throws: { "\($0)".contains("metrics.trials") }
    }

    @Test func theMetricsSectionAsksForBootstrapIntervals() throws {
        let base = try String(contentsOfFile: "Scenarios/Library/calm-day.yaml", encoding: .utf8)
        #expect(try ScenarioLoader.parse(base + "\nmetrics: { bootstrap: 1000 }\n", file: "m.yaml").metrics.bootstrapResamples == 1_000)
        #expect(try ScenarioLoader.parse(base, file: "m.yaml").metrics.bootstrapResamples == 0)
        #expect {
            _ = try ScenarioLoader.parse(base + "\nmetrics: { bootstrap: -5 }\n", file: "m.yaml")
        } throws: { "\($0)".contains("m.yaml:") && "\($0)".contains("metrics.bootstrap") }
    }

    @Test func bootstrapIntervalsSayWhatTheyAre() {
        var intervals = MetricIntervals(resamples: 1_000, confidence: 0.95, meanBlockLength: 7.39)
        intervals.sharpe = .init(lower: 0.411, upper: 2.1)
        intervals.cvar99 = .init(lower: 0.00812, upper: 0.02113)
        intervals.pnlMinorUnits = .init(lower: -120, upper: 450)
        let figures = BootstrapFigures(intervals)
        let daily = TradingFigures.ReturnFigures(basis: "daily", horizon: "1d", count: 80, trading_days: 80, periods_per_year: 252,
                                                 annualization_factor: 252.0.squareRoot(), trials: 1)
        #expect(MetricsText.bootstrapLabel(figures) == "95 % intervals")
        #expect(MetricsText.bootstrap(figures, daily, currency: "EUR")
                == "Sharpe [0.41, 2.10], Sortino -, CVaR 99 [0.812 %, 2.113 %], PnL [-1.20, 4.50] EUR "
                + "(stationary block bootstrap of the daily returns, 1,000 resamples, mean block 7.4 returns)")
    }
}
