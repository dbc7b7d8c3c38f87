import Foundation
import ScenarioBenchmarks
import ScenarioDefinition

/// `metronome bench FILE --report-html`: one self-contained page (inline CSS and SVG, no script,
/// no network) with the stage table and, per stage, the simulated and wall histograms (log₂
/// buckets of nanoseconds) with the measured percentiles and the budget's limits marked.
public enum StageBenchmarkHTML {
    public static func render(_ report: StageBenchmarkReport) -> String {
        var body = "<h1>\(SVGChart.escape(report.scenario)) — latency by stage</h1>"
        body += "<p class=\"sub\">seed \(report.seed) · \(SVGChart.escape(report.sim_start)) → \(SVGChart.escape(report.sim_end)) · "
        body += "\(DecimalText.grouped(report.events)) events · \(report.orders) orders · "
        body += String(format: "%.3f s wall with the meter on", report.wall_seconds) + " · \(SVGChart.escape(report.build)) build</p>"
        body += "<p class=\"verdict \(report.budgets_ok ? "ok" : "bad")\">budgets: \(report.budgets_ok ? "ok" : "EXCEEDED")</p>"
        body += table(report)
        for name in report.stage_order {
            guard let stage = report.stages[name] else { continue }
            body += "<h2>\(SVGChart.escape(name))</h2>"
            body += "<h3>simulated — \(SVGChart.escape(stage.simulated_measures))</h3>" + histogram(stage.simulated, color: "#1f6feb")
            body += "<h3>wall — handler time</h3>" + histogram(stage.wall, color: "#8250df")
        }
        body += "<h2>Digests</h2><table><tr><th>digest</th><td><code>\(report.digest)</code></td></tr>"
        body += "<tr><th>decision_digest</th><td><code>\(report.decision_digest)</code></td></tr></table>"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Metronome — \(SVGChart.escape(report.scenario)) latency by stage</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:860px;color:#222;background:#fff}
            h1{margin:0}h2{margin-top:28px;border-bottom:1px solid #ddd;font-size:16px}h3{font-size:13px;font-weight:500;color:#555}
            .sub{color:#666;margin-top:2px}.verdict{font-weight:600}.ok{color:#1a7f37}.bad{color:#cf222e}
            table{border-collapse:collapse}th{text-align:left;padding:2px 10px 2px 0;font-weight:500;color:#555}
            td{padding:2px 10px 2px 0}td.n{text-align:right;font-variant-numeric:tabular-nums}
            svg{width:100%;height:auto;display:block}.plot{fill:#fafafa;stroke:#ddd}.axis,.label{font-size:11px;fill:#555}
            .empty{color:#999}code{font-size:13px}.caption{font-size:12px;color:#555;margin:2px 0 12px}
            </style></head><body>
            \(body)
            </body></html>

            """
    }

    private static func table(_ report: StageBenchmarkReport) -> String {
        var html = "<table><tr><th>stage</th><th>clock</th><th>count</th><th>p50</th><th>p99</th><th>p99.9</th><th>max</th><th>budget</th><th>verdict</th></tr>"
        for name in report.stage_order {
            guard let stage = report.stages[name] else { continue }
            for (label, clock) in [("simulated", stage.simulated), ("wall", stage.wall)] {
                let empty = clock.count == 0
                let cells = [clock.p50_ns, clock.p99_ns, clock.p999_ns, clock.max_ns].map { empty ? "–" : LatencyText.format($0) }
                let verdictClass = clock.status == .exceeded ? "bad" : clock.status == .ok ? "ok" : ""
                html += "<tr><td>\(label == "simulated" ? SVGChart.escape(name) : "")</td><td>\(label)</td><td class=\"n\">\(DecimalText.grouped(clock.count))</td>"
                html += cells.map { "<td class=\"n\">\(SVGChart.escape($0))</td>" }.joined()
                html += "<td>\(SVGChart.escape(budgetText(clock.budget)))</td><td class=\"\(verdictClass)\">\(clock.status.rawValue)</td></tr>"
            }
        }
        return html + "</table>"
    }

    private static func budgetText(_ budget: StageBenchmarkReport.Budget?) -> String {
        guard let budget else { return "–" }
        return [("p50", budget.p50_ns), ("p99", budget.p99_ns), ("p99.9", budget.p999_ns), ("max", budget.max_ns)]
            .compactMap { label, value in value.map { "\(label) ≤ \(LatencyText.format($0))" } }.joined(separator: ", ")
    }

    /// Columns per log₂ bucket (height on a log scale, so that the tail stays visible), the
    /// measured p50 / p99 / p99.9 / max as ticks under the axis, the budget's limits as red dashed
    /// lines; the values are spelled out in a caption under the chart.
    static func histogram(_ clock: StageBenchmarkReport.Clock, color: String) -> String {
        guard clock.count > 0, !clock.log2_buckets.isEmpty else { return "<p class=\"empty\">no samples</p>" }
        let width = 820.0
        let height = 150.0
        let left = 40.0
        let right = width - 10
        let top = 16.0
        let bottom = height - 52
        let buckets = clock.log2_buckets
        let measured: [(String, UInt64)] = [("p50", clock.p50_ns), ("p99", clock.p99_ns), ("p99.9", clock.p999_ns), ("max", clock.max_ns)]
        let limits: [(String, UInt64)] = [("p50", clock.budget?.p50_ns), ("p99", clock.budget?.p99_ns), ("p99.9", clock.budget?.p999_ns),
                                          ("max", clock.budget?.max_ns)].compactMap { label, value in value.map { (label, $0) } }
        // Bucket 0 holds zeros, bucket b ≥ 1 the values [2^(b−1), 2^b); the axis reaches the
        // largest sample or limit, and at least 1 µs so that a narrow distribution stays readable.
        func bucket(of value: UInt64) -> Int { value == 0 ? 0 : 65 - value.leadingZeroBitCount }
        let lastBucket = max(buckets.count - 1, limits.map { bucket(of: $0.1) }.max() ?? 0, 10)
        let columnWidth = (right - left) / Double(lastBucket + 1)
        func x(ofValue value: UInt64) -> Double {
            guard value > 0 else { return left + columnWidth / 2 }
            return min(left + columnWidth * (1 + log2(Double(value))), right)
        }
        let tallest = log10(Double(buckets.max() ?? 1) + 1)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"histogram\">"
        svg += "<rect x=\"\(SVGChart.number(left))\" y=\"\(SVGChart.number(top))\" width=\"\(SVGChart.number(right - left))\" height=\"\(SVGChart.number(bottom - top))\" class=\"plot\"/>"
        for (index, count) in buckets.enumerated() where count > 0 {
            let barHeight = max(1, log10(Double(count) + 1) / max(tallest, 1e-9) * (bottom - top))
            let lower: UInt64 = index == 0 ? 0 : UInt64(1) << UInt64(index - 1)
            let label = index == 0 ? "0: \(count)" : "[\(LatencyText.format(lower)), \(LatencyText.format(lower * 2))): \(count)"
            svg += "<rect x=\"\(SVGChart.number(left + Double(index) * columnWidth + 1))\" y=\"\(SVGChart.number(bottom - barHeight))\" "
            svg += "width=\"\(SVGChart.number(max(columnWidth - 2, 1)))\" height=\"\(SVGChart.number(barHeight))\" fill=\"\(color)\"><title>\(SVGChart.escape(label))</title></rect>"
        }
        let step = max(1, (lastBucket + 1) / 8)
        for index in stride(from: 1, through: lastBucket, by: step) {
            let value = UInt64(1) << UInt64(index - 1)
            svg += "<text x=\"\(SVGChart.number(left + Double(index) * columnWidth))\" y=\"\(SVGChart.number(bottom + 11))\" class=\"axis\">\(SVGChart.escape(LatencyText.format(value)))</text>"
        }
        // Short labels, staggered so that equal values stay legible.
        for (level, (label, value)) in measured.enumerated() {
            let position = x(ofValue: value)
            let labelY = bottom + 22 + Double(level) * 9
            svg += "<line x1=\"\(SVGChart.number(position))\" y1=\"\(SVGChart.number(bottom))\" x2=\"\(SVGChart.number(position))\" y2=\"\(SVGChart.number(labelY - 7))\" stroke=\"#222\"/>"
            svg += "<text x=\"\(SVGChart.number(position + 2))\" y=\"\(SVGChart.number(labelY))\" class=\"label\">\(label)</text>"
        }
        for (level, (label, value)) in limits.enumerated() {
            let position = x(ofValue: value)
            svg += "<line x1=\"\(SVGChart.number(position))\" y1=\"\(SVGChart.number(top))\" x2=\"\(SVGChart.number(position))\" y2=\"\(SVGChart.number(bottom))\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\"/>"
            svg += "<text x=\"\(SVGChart.number(position - 2))\" y=\"\(SVGChart.number(top - 4 + Double(level % 2) * 10))\" class=\"label\" text-anchor=\"end\" fill=\"#cf222e\">\(label)</text>"
        }
        svg += "</svg>"
        var caption = measured.map { "\($0.0) \(LatencyText.format($0.1))" }.joined(separator: " · ")
        if !limits.isEmpty { caption += " — budget (red): " + limits.map { "\($0.0) ≤ \(LatencyText.format($0.1))" }.joined(separator: " · ") }
        return svg + "<p class=\"caption\">\(SVGChart.escape(caption)) · \(DecimalText.grouped(clock.count)) samples; x: nanoseconds in log₂ buckets, height: log count</p>"
    }
}
