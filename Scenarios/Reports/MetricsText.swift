import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioRunning

/// The report's metric values with their short labels — what each number is computed on — shared
/// by the terminal summary and the HTML report. docs/metrics.md defines every one.
public enum MetricsText {
    /// "daily returns, ×√252" or "per-1m returns, ×√98,280 = 313.5; 1 trading day: indicative".
    public static func basis(_ returns: TradingFigures.ReturnFigures) -> String {
        let periods = returns.periods_per_year.rounded() == returns.periods_per_year
            ? DecimalText.grouped(UInt64(returns.periods_per_year)) : String(format: "%.6g", returns.periods_per_year)
        if returns.basis == "daily" {
            return "daily returns, ×√\(periods); \(returns.count) returns"
        }
        return "per-\(returns.horizon) returns, ×√\(periods) = " + String(format: "%.1f", returns.annualization_factor)
            + "; \(returns.count) returns in \(returns.trading_days) trading day\(returns.trading_days == 1 ? "" : "s"): indicative"
    }

    /// "1.23 (daily returns, ×√252; 80 returns)", "-" when undefined.
    public static func ratio(_ value: Double?, _ returns: TradingFigures.ReturnFigures) -> String {
        guard let value else { return "- (\(basis(returns)))" }
        return String(format: "%.2f", value) + " (\(basis(returns)))"
    }

    /// "0.97 (P[true Sharpe > 0], 1 trial)".
    public static func deflatedSharpe(_ value: Double?, trials: Int) -> String {
        let what = trials == 1 ? "P[true Sharpe > 0], 1 trial" : "P[true Sharpe > the best of \(trials) skill-less trials]"
        return (value.map { String(format: "%.3f", $0) } ?? "-") + " (\(what))"
    }

    /// "3.20 (annual return 12.3 % ÷ max drawdown of the daily closes)".
    public static func calmar(_ value: Double?, annualReturn: Double?, _ returns: TradingFigures.ReturnFigures) -> String {
        let closes = returns.basis == "daily" ? "the daily closes" : "the \(returns.horizon) samples"
        let annual = annualReturn.map { String(format: "%.1f %%", $0 * 100) } ?? "-"
        return (value.map { String(format: "%.2f", $0) } ?? "-") + " (annual return \(annual) ÷ max drawdown of \(closes))"
    }

    /// "1.234 % (mean of the worst 1 % of daily returns)".
    public static func cvar99(_ value: Double?, _ returns: TradingFigures.ReturnFigures) -> String {
        let horizon = returns.basis == "daily" ? "daily" : "per-\(returns.horizon)"
        return (value.map { String(format: "%.3f %%", $0 * 100) } ?? "-") + " (mean loss of the worst 1 % of \(horizon) returns)"
    }

    /// "Sharpe [0.41, 2.10], Sortino [0.52, 3.01], CVaR 99 [0.812 %, 2.113 %], PnL [-1.20, 4.50] EUR
    /// (stationary block bootstrap of the daily returns, 1,000 resamples, mean block 7.4 returns)".
    public static func bootstrap(_ figures: BootstrapFigures, _ returns: TradingFigures.ReturnFigures, currency: String) -> String {
        func pair(_ values: [Double]?, _ format: (Double) -> String) -> String {
            guard let values, values.count == 2 else { return "-" }
            return "[\(format(values[0])), \(format(values[1]))]"
        }
        let ratio = { (value: Double) in String(format: "%.2f", value) }
        let percent = { (value: Double) in String(format: "%.3f %%", value * 100) }
        let pnl = figures.pnl.map { "[\($0[0]), \($0[1])] \(currency)" } ?? "-"
        let horizon = returns.basis == "daily" ? "daily" : "per-\(returns.horizon)"
        return "Sharpe \(pair(figures.sharpe, ratio)), Sortino \(pair(figures.sortino, ratio)), CVaR 99 \(pair(figures.cvar_99, percent)), "
            + "PnL \(pnl) (stationary block bootstrap of the \(horizon) returns, "
            + "\(DecimalText.grouped(UInt64(figures.resamples))) resamples, mean block "
            + String(format: "%.1f", figures.mean_block_length) + " returns)"
    }

    /// "95 % intervals".
    public static func bootstrapLabel(_ figures: BootstrapFigures) -> String {
        String(format: "%.0f %% intervals", figures.confidence * 100)
    }

    /// "2.5 days", "4.2 h", "12 min", "0" (simulated time).
    public static func duration(seconds: Double) -> String {
        if seconds >= 86_400 { return String(format: "%.1f days", seconds / 86_400) }
        if seconds >= 3_600 { return String(format: "%.1f h", seconds / 3_600) }
        if seconds > 0 { return String(format: "%.0f min", seconds / 60) }
        return "0"
    }

    /// "1.35 (gross profit ÷ gross loss of the closing fills)".
    public static func profitFactor(_ value: Double?) -> String {
        (value.map { String(format: "%.2f", $0) } ?? "-") + " (gross profit ÷ gross loss of the closing fills, before fees)"
    }

    /// "0.02 EUR per closing fill (before fees)".
    public static func expectancy(_ value: String?, currency: String) -> String {
        guard let value else { return "- (no closing fill)" }
        return "\(value) \(currency) per closing fill (before fees)"
    }

    /// "360 slates (330 measured)".
    public static func slates(_ selector: SelectorFigures) -> String {
        "\(DecimalText.grouped(UInt64(selector.slates))) slates (\(DecimalText.grouped(UInt64(selector.measuredSlates))) with a pair to correlate)"
    }

    /// The selector's line: its slates and what diversification did to their correlation.
    public static func selector(_ selector: SelectorFigures) -> String {
        guard selector.measuredSlates > 0 else { return slates(selector) + ": no pair to correlate" }
        return slates(selector) + ", mean pair correlation "
            + correlationChange(topK: selector.topKAveragePairCorrelation, selected: selector.selectedAveragePairCorrelation)
    }

    /// "in hindsight (359 slates, one interval later): mean regret 10.0 bps (…), top-K hit rate 49.1 % (chance 50.0 %)".
    public static func selectorHindsight(_ selector: SelectorFigures) -> String? {
        guard let regret = selector.meanRegretBasisPoints, let hits = selector.topKHitRate else { return nil }
        return "in hindsight (\(DecimalText.grouped(UInt64(selector.hindsightSlates))) slates, one interval later): "
            + String(format: "mean regret %.1f bps (the best K candidates' directional return − the slate's), top-K hit rate %.1f %% (chance %.1f %%)",
                     regret, hits * 100, (selector.chanceHitRate ?? 0) * 100)
    }

    /// "top-K 0.107 → slate -0.119: -0.226, a 211 % reduction" — or "+0.050, a 50 % increase" when
    /// the slate is more correlated than top-K; no percentage unless top-K's average is positive.
    public static func correlationChange(topK: Double, selected: Double) -> String {
        let change = selected - topK
        var text = String(format: "top-K %.3f → slate %.3f: %+.3f", topK, selected, change)
        if topK > 0, change != 0 {
            let percent = abs(change) / topK * 100
            text += String(format: ", a %.0f %% %@", percent, change < 0 ? "reduction" : "increase")
        }
        return text
    }
}
