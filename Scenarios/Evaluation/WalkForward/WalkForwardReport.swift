import Actors
import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioRunning

/// A walk-forward's record: each window's choice and its out-of-sample run, and the test spans'
/// returns stitched into one out-of-sample equity curve with the report's figures on it.
public struct WalkForwardReport: Sendable, Codable, Equatable {
    public struct Stitched: Sendable, Codable, Equatable {
        public var returns: Int
        public var basis: String
        public var pnl: String
        public var final_equity: String
        public var sharpe: Double?
        public var sortino: Double?
        public var annual_return: Double?
        public var max_drawdown: Double
        public var cvar_99: Double?
        /// The stitched equity after each return, in the account currency.
        public var equity: [String]
    }

    public var scenario: String
    public var axes: [SweepAxis]
    public var select: SweepMetric
    public var mode: String
    public var train: String
    public var test: String
    public var step: String
    public var embargo: String
    public var steps: [WalkForwardStep]
    public var stitched: Stitched
    /// Mean over windows of the chosen point's in-sample figure, and of the same figure out of
    /// sample: the gap is what choosing on the past was worth.
    public var in_sample_mean: Double?
    public var out_of_sample_mean: Double?

    public init(scenario: String, axes: [SweepAxis], select: SweepMetric, expanding: Bool, train: DurationNanoseconds, test: DurationNanoseconds,
                step: DurationNanoseconds, embargo: DurationNanoseconds, steps: [WalkForwardStep], initialEquityMinorUnits: Int64,
                calendar: TradingCalendar) {
        self.scenario = scenario
        self.axes = axes
        self.select = select
        mode = expanding ? "expanding" : "rolling"
        self.train = DurationText.format(train)
        self.test = DurationText.format(test)
        self.step = DurationText.format(step)
        self.embargo = DurationText.format(embargo)
        self.steps = steps
        let returns = steps.flatMap(\.out_of_sample_returns)
        var equities: [Int64] = []
        var equity = Double(initialEquityMinorUnits)
        for value in returns {
            equity *= 1 + value
            equities.append(Int64(equity.rounded()))
        }
        let daily = test >= 2 * TimeUnits.nanosecondsPerDay
        let basis = ReturnBasis(kind: daily ? .daily : .perSample, horizonNanoseconds: daily ? TimeUnits.nanosecondsPerDay : test,
                                periodsPerYear: daily ? calendar.tradingDaysPerYear : calendar.periodsPerYear(periodNanoseconds: test),
                                tradingDays: daily ? returns.count : 0)
        let metrics = PerformanceMetrics.measure(initialEquityMinorUnits: initialEquityMinorUnits, basisEquitiesMinorUnits: equities, basis: basis)
        stitched = Stitched(returns: returns.count, basis: basis.kind.rawValue, pnl: DecimalText.format(metrics.pnlMinorUnits, precision: 2),
                            final_equity: DecimalText.format(metrics.finalEquityMinorUnits, precision: 2), sharpe: metrics.sharpe,
                            sortino: metrics.sortino, annual_return: metrics.annualReturn, max_drawdown: metrics.maxDrawdown,
                            cvar_99: metrics.cvar99, equity: equities.map { DecimalText.format($0, precision: 2) })
        let chosenInSample = steps.compactMap { $0.in_sample[$0.chosen_point] }
        let outOfSample = steps.compactMap { select.value(of: $0.out_of_sample) }
        in_sample_mean = chosenInSample.isEmpty ? nil : chosenInSample.reduce(0, +) / Double(chosenInSample.count)
        out_of_sample_mean = outOfSample.isEmpty ? nil : outOfSample.reduce(0, +) / Double(outOfSample.count)
    }

    public func text(currency: String) -> String {
        let format = { (value: Double?) in value.map { String(format: "%.2f", $0) } ?? "-" }
        var rows = [["train", "test", "chosen", "in-sample \(select.rawValue)", "out-of-sample \(select.rawValue)", "PnL \(currency)", "orders"]]
        for step in steps {
            rows.append([step.train, step.test, step.chosen.joined(separator: " "), format(step.in_sample[step.chosen_point]),
                         format(select.value(of: step.out_of_sample)), step.out_of_sample.pnl, "\(step.out_of_sample.orders)"])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        lines.insert(String(repeating: "─", count: widths.reduce(0, +) + 2 * (widths.count - 1)), at: 1)
        lines.append("")
        lines.append("\(steps.count) \(mode) windows: train \(train), test \(test), step \(step), embargo \(embargo); "
                     + "parameters chosen by in-sample \(select.rawValue), then locked out of sample.")
        lines.append("out of sample, stitched: \(stitched.returns) \(stitched.basis == "daily" ? "daily" : "per-window") returns, PnL \(stitched.pnl) \(currency), "
                     + "Sharpe \(format(stitched.sharpe)), Sortino \(format(stitched.sortino)), max drawdown "
                     + String(format: "%.2f %%", stitched.max_drawdown * 100) + ", CVaR 99 "
                     + (stitched.cvar_99.map { String(format: "%.3f %%", $0 * 100) } ?? "-"))
        lines.append("mean \(select.rawValue) of the chosen parameters: \(format(in_sample_mean)) in sample, \(format(out_of_sample_mean)) out of sample")
        let idle = steps.filter { $0.out_of_sample.orders == 0 }.count
        if idle > 0 {
            lines.append("warning: \(idle) of \(steps.count) test spans placed no order. Every run starts fresh on its span, and the agents "
                         + "need time to learn before they trade: a test span shorter than that warm-up measures nothing (try a longer --test).")
        }
        return lines.joined(separator: "\n")
    }

    public func json() throws -> Data { try SweepStore.encoder.encode(self) }
}
