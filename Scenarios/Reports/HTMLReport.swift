import Actors
import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioRunning

/// `metronome run --report-html`: one self-contained HTML file (inline CSS and SVG, no script,
/// no network) with the summary, equity and drawdown, fills on the price paths, per-agent
/// figures and PnL contributions, gate decisions, the inputs the input defense refused, the order-to-fill and order-to-ack latency
/// histograms and the digests.
public enum HTMLReport {
    public static func render(report: RunReport, series: RunSeries) -> String {
        var body = "<h1>\(SVGChart.escape(report.scenario))</h1>"
        body += "<p class=\"sub\">seed \(report.seed) · \(SVGChart.escape(report.sim_start)) → \(SVGChart.escape(report.sim_end)) · stopped by \(report.stop_reason)</p>"
        body += summary(report)
        body += "<h2>Equity</h2>" + equity(series)
        body += "<h2>Drawdown</h2>" + drawdown(series)
        body += "<h2>Fills on the price paths</h2>" + prices(series)
        body += "<h2>Agents</h2>" + agents(report)
        body += "<h2>PnL by agent</h2>" + contributions(report)
        body += "<h2>Gate decisions</h2>" + gate(report)
        body += "<h2>Input defense</h2>" + quarantine(report)
        body += "<h2>Latency</h2>" + latency(series.fillLatencyNanoseconds, title: "order-to-fill latency", empty: "no routed fills")
        body += latency(series.ackLatencyNanoseconds, title: "order-to-ack latency", empty: "no routed orders acknowledged")
        body += "<h2>Digests</h2><table><tr><th>digest</th><td><code>\(report.digest)</code></td></tr>"
        body += "<tr><th>decision_digest</th><td><code>\(report.decision_digest)</code></td></tr></table>"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Metronome — \(SVGChart.escape(report.scenario))</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:760px;color:#222;background:#fff}
            h1{margin:0}h2{margin-top:28px;border-bottom:1px solid #ddd;font-size:16px}.sub{color:#666;margin-top:2px}
            table{border-collapse:collapse}th{text-align:left;padding:2px 12px 2px 0;font-weight:500;color:#555}td{padding:2px 12px 2px 0}
            svg{width:100%;height:auto;display:block}.plot{fill:#fafafa;stroke:#ddd}.axis,.label{font-size:11px;fill:#555}
            .empty{color:#999}code{font-size:13px}
            </style></head><body>
            \(body)
            </body></html>

            """
    }

    private static func row(_ name: String, _ value: String) -> String { "<tr><th>\(name)</th><td>\(SVGChart.escape(value))</td></tr>" }

    private static func grouped(_ value: UInt64) -> String { DecimalText.grouped(value) }

    private static func optional(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "–" }

    private static func summary(_ report: RunReport) -> String {
        var table = "<table>"
        table += row("final equity", "\(report.final_equity) \(report.currency)") + row("PnL", "\(report.pnl) \(report.currency)")
        table += row("Sharpe", MetricsText.ratio(report.sharpe, report.returns))
        table += row("Sortino", MetricsText.ratio(report.sortino, report.returns))
        table += row("deflated Sharpe", MetricsText.deflatedSharpe(report.deflated_sharpe, trials: report.returns.trials))
        table += row("Calmar", MetricsText.calmar(report.calmar, annualReturn: report.annual_return, report.returns))
        table += row("max drawdown", String(format: "%.2f %%", report.max_drawdown * 100) + " (\(report.max_drawdown_amount) \(report.currency), every fill and mark)")
        table += row("longest underwater", MetricsText.duration(seconds: report.longest_underwater_seconds))
        table += row("CVaR 95 %", optional(report.cvar_95.map { $0 * 100 }, "%.3f %%") + " (per-sample returns)")
        table += row("CVaR 99 %", MetricsText.cvar99(report.cvar_99, report.returns)) + row("turnover", optional(report.turnover, "%.2f"))
        if let bootstrap = report.bootstrap {
            table += row(MetricsText.bootstrapLabel(bootstrap), MetricsText.bootstrap(bootstrap, report.returns, currency: report.currency))
        }
        table += row("profit factor", MetricsText.profitFactor(report.profit_factor))
        table += row("expectancy", MetricsText.expectancy(report.expectancy, currency: report.currency))
        if let selector = report.selector { table += row("selector", MetricsText.selector(selector)) }
        if let hindsight = report.selector.flatMap(MetricsText.selectorHindsight) { table += row("selector in hindsight", hindsight) }
        table += row("orders / fills", "\(report.orders) / \(report.fills)") + row("fees", "\(report.fees) \(report.currency)")
        table += row("implementation shortfall", optional(report.implementation_shortfall_bps, "%.2f bps"))
        table += row("kill switch", report.kill_switch_engaged ? "ENGAGED" : "not engaged")
        table += row("events", "\(grouped(report.events)) (\(grouped(UInt64(report.events_per_second)))/s)") + row("signals", grouped(UInt64(report.signals)))
        return table + "</table>"
    }

    /// Refusals by symbol × reason with their share of the symbol's inputs, then the first refused inputs.
    private static func quarantine(_ report: RunReport) -> String {
        guard let figures = report.quarantine, !figures.by_symbol.isEmpty else {
            return "<p class=\"empty\">no input quarantined (\(grouped(UInt64(report.quarantine?.judged ?? 0))) judged)</p>"
        }
        let total = figures.by_symbol.reduce(0) { $0 + $1.count }
        var html = "<p>\(grouped(UInt64(total))) of \(grouped(UInt64(figures.judged))) inputs quarantined</p>"
        html += "<table><tr><th>symbol</th><th>reason</th><th>count</th><th>of the symbol's inputs</th></tr>"
        for entry in figures.by_symbol {
            html += "<tr><td>\(SVGChart.escape(entry.symbol))</td><td>\(entry.reason)</td><td>\(grouped(UInt64(entry.count)))</td>"
                + "<td>\(grouped(UInt64(entry.judged))) (\(String(format: "%.2f %%", QuarantineFigures.percent(entry))))</td></tr>"
        }
        html += "</table><h3>First quarantined inputs</h3><table><tr><th>time</th><th>symbol</th><th>reason</th><th>input</th></tr>"
        for example in figures.examples {
            html += "<tr><td><code>\(SVGChart.escape(example.time))</code></td><td>\(SVGChart.escape(example.symbol))</td><td>\(example.reason)</td>"
                + "<td>\(example.type) \(SVGChart.escape(example.detail))</td></tr>"
        }
        return html + "</table>"
    }

    private static func minutes(_ times: [Timestamp]) -> [Double] {
        guard let first = times.first else { return [] }
        return times.map { Double($0 - first) / 60e9 }
    }

    /// Dated ticks for charts whose x is ``minutes(_:)`` of these times.
    private static func timeTicks(_ times: [Timestamp]) -> [(x: Double, label: String)] {
        guard let first = times.first, let last = times.last else { return [] }
        return TimeAxis.ticks(first: first, last: last)
    }

    private static func equity(_ series: RunSeries) -> String {
        let xs = minutes(series.sampleTimes)
        let points = zip(xs, series.equityMinorUnits).map { ($0, Double($1) / 100) }
        return SVGChart.lines([(points, "#1f6feb")], title: "equity", unit: "time (UTC); equity in the account currency",
                              xTicks: timeTicks(series.sampleTimes))
    }

    private static func drawdown(_ series: RunSeries) -> String {
        var peak = Double(series.initialEquityMinorUnits)
        let xs = minutes(series.sampleTimes)
        let points = zip(xs, series.equityMinorUnits).map { x, equity -> (Double, Double) in
            peak = max(peak, Double(equity))
            return (x, peak > 0 ? -(peak - Double(equity)) / peak * 100 : 0)
        }
        return SVGChart.lines([(points, "#cf222e")], title: "drawdown", unit: "time (UTC); drawdown from the peak, %",
                              xTicks: timeTicks(series.sampleTimes))
    }

    /// Up to four symbols (the most filled ones), each its mark path with buys (green) and sells (red).
    private static func prices(_ series: RunSeries) -> String {
        guard let firstTime = series.sampleTimes.first, !series.marks.isEmpty else { return "<p class=\"empty\">no samples</p>" }
        let counts = series.fills.countsBySymbol
        let chosen = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }.prefix(4)
        var html = ""
        for symbol in chosen {
            let scale = pow(10, Double(series.pricePrecision[symbol]))
            let xs = minutes(series.sampleTimes)
            let path = zip(xs, series.marks).compactMap { x, marks in marks[symbol] > 0 ? (x, Double(marks[symbol]) / scale) : nil }
            let markers = series.fills.points.filter { Int($0.symbol) == symbol && $0.time >= firstTime }.map { fill in
                (x: Double(fill.time - firstTime) / 60e9, y: Double(fill.price) / scale, color: fill.side == .buy ? "#1a7f37" : "#cf222e",
                 label: "\(fill.side) \(fill.quantity) at \(Double(fill.price) / scale)")
            }
            let thinned = series.fills.stride > 1 ? " (1 in \(series.fills.stride) drawn)" : ""
            html += "<h3>\(SVGChart.escape(series.symbols[symbol])) — \(counts[symbol]) fills\(thinned)</h3>"
            html += SVGChart.lines([(path, "#57606a")], title: series.symbols[symbol], unit: "time (UTC); mid (points: fills, green buy, red sell)",
                                   markers: markers, xTicks: timeTicks(series.sampleTimes))
        }
        return html
    }

    private static func agents(_ report: RunReport) -> String {
        guard !report.agents.isEmpty else { return "<p class=\"empty\">no agents</p>" }
        let learned = report.blender?.weightsByRegime ?? []
        var html = calibration(report.blender)
        html += "<table><tr><th>agent</th><th>type</th><th>prior weight</th>"
        html += learned.indices.map { "<th>learned weight, \($0 == 0 ? "normal" : "stressed") regime</th>" }.joined()
        html += "<th>signals</th><th>hit rate</th><th>IC</th><th>PnL (\(SVGChart.escape(report.currency)))</th></tr>"
        for agent in report.agents {
            let blended = learned.map { weights in
                "<td>" + (agent.id - 1 < weights.count ? String(format: "%.3f", weights[agent.id - 1]) : "–") + "</td>"
            }.joined()
            html += "<tr><td>\(SVGChart.escape(agent.name))</td><td>\(agent.type)</td><td>\(String(format: "%.2f", agent.weight))</td>\(blended)"
            html += "<td>\(agent.signals)</td><td>\(optional(agent.hitRate, "%.3f"))</td><td>\(optional(agent.informationCoefficient, "%.3f"))</td>"
            html += "<td>\(SVGChart.escape(agent.pnl ?? "–"))</td></tr>"
        }
        html += "</table>"
        let bars = report.agents.map { (label: $0.name, value: Double($0.signals), color: "#8250df") }
        return html + SVGChart.bars(bars, title: "signals per agent")
    }

    /// The blender's calibration, raw and recalibrated, with what each figure means.
    private static func calibration(_ blender: BlenderFigures?) -> String {
        guard let blender else { return "" }
        var html = "<table><tr><th>blender (\(blender.scored) scored forecasts)</th><th>raw blend</th><th>recalibrated (published)</th></tr>"
        html += "<tr><td>ECE</td><td>\(optional(blender.rawExpectedCalibrationError, "%.3f"))</td>"
        html += "<td>\(optional(blender.expectedCalibrationError, "%.3f"))</td></tr>"
        html += "<tr><td>1σ coverage</td><td>\(optional(blender.rawOneSigmaCoverage.map { $0 * 100 }, "%.1f %%"))</td>"
        html += "<td>\(optional(blender.oneSigmaCoverage.map { $0 * 100 }, "%.1f %%"))</td></tr></table>"
        return html + "<p class=\"sub\">ECE: the mean gap, over the deciles, between how often the realized return fell below a "
            + "forecast quantile and how often it should have (0 = calibrated). 1σ coverage: the share of realized returns inside "
            + "μ ± σ (68.3 % if calibrated).</p>"
    }

    /// Each agent's attributed PnL and the unattributed rest, as signed bars: they add up to the run's PnL.
    private static func contributions(_ report: RunReport) -> String {
        var items = report.agents.map { agent in (label: agent.name, value: Double(agent.pnl ?? "0") ?? 0) }
        items.append((label: "unattributed", value: Double(report.pnl_attribution.unattributed) ?? 0))
        let note = "<p class=\"sub\">Each symbol's mark-to-market PnL, between marks and fills, shared among the agents by the "
            + "forecast behind the position held; the bars add up to the run's PnL of \(SVGChart.escape(report.pnl)) "
            + "\(SVGChart.escape(report.currency)).</p>"
        return note + SVGChart.signedBars(items, title: "PnL by agent (\(report.currency))")
    }

    private static func gate(_ report: RunReport) -> String {
        guard let gate = report.gate else { return "<p class=\"empty\">no execution side (simple trader)</p>" }
        var items: [(label: String, value: Double, color: String)] = [
            ("approved", Double(gate.approved), "#1a7f37"), ("projected", Double(gate.projected), "#bf8700"), ("rejected", Double(gate.rejected), "#cf222e"),
        ]
        for reason in gate.by_reason.keys.sorted() { items.append(("· " + reason, Double(gate.by_reason[reason] ?? 0), "#57606a")) }
        return SVGChart.bars(items, title: "gate decisions")
    }

    /// 4294967296 ns → "4.29 s", 2097152 → "2.10 ms".
    private static func readable(_ nanoseconds: UInt64) -> String {
        let value = Double(nanoseconds)
        if value >= 1e9 { return String(format: "%.2f s", value / 1e9) }
        if value >= 1e6 { return String(format: "%.2f ms", value / 1e6) }
        if value >= 1e3 { return String(format: "%.2f µs", value / 1e3) }
        return "\(nanoseconds) ns"
    }

    /// A histogram of simulated-time latencies in log₂ buckets, under its own title.
    private static func latency(_ histogram: PowerOfTwoHistogram, title: String, empty: String) -> String {
        var html = "<h3>\(SVGChart.escape(title)) (simulated time)</h3>"
        guard histogram.total > 0 else { return html + "<p class=\"empty\">\(SVGChart.escape(empty))</p>" }
        let items = histogram.counts.indices.filter { histogram.counts[$0] > 0 }.map { bucket -> (label: String, value: Double, color: String) in
            (bucket == 0 ? "0" : "< " + readable(PowerOfTwoHistogram.upperBound(of: bucket)), Double(histogram.counts[bucket]), "#1f6feb")
        }
        html += SVGChart.bars(items, title: title)
        return html
    }
}
