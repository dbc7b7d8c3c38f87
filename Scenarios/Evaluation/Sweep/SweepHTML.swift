import Foundation

/// A sweep's self-contained HTML page (inline SVG, no script, no network): a heatmap of the
/// chosen metric for two axes, its line over the values for one, and the table of grid points.
public enum SweepHTML {
    public static func render(_ table: SweepTable, currency: String) -> String {
        let name = table.scenario.split(separator: "/").last.map(String.init) ?? table.scenario
        var body = "<h1>Sweep — \(escape(name))</h1>"
        body += "<p class=\"sub\">\(escape(table.footer()).replacingOccurrences(of: "\n", with: "<br>"))</p>"
        switch table.axes.count {
        case 1: body += "<h2>Mean \(table.metric.rawValue) by \(escape(table.axes[0].key))</h2>" + line(table)
        case 2: body += "<h2>Mean \(table.metric.rawValue): \(escape(table.axes[0].key)) (rows) × \(escape(table.axes[1].key)) (columns)</h2>" + heatmap(table)
        default: body += "<p class=\"sub\">A chart needs one or two swept keys; the table has every point.</p>"
        }
        body += "<h2>Grid points</h2>" + pointTable(table, currency: currency)
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Metronome sweep — \(escape(table.scenario))</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:900px;color:#222;background:#fff}
            h1{margin:0}h2{margin-top:28px;border-bottom:1px solid #ddd;font-size:16px}.sub{color:#666;margin-top:2px}
            table{border-collapse:collapse}th{text-align:left;padding:2px 12px 2px 0;font-weight:500;color:#555}
            td{padding:2px 12px 2px 0;font-variant-numeric:tabular-nums}tr.best td{font-weight:600}
            svg{width:100%;height:auto;display:block}.axis{font-size:11px;fill:#555}.cell{font-size:12px;fill:#111}
            </style></head><body>
            \(body)
            </body></html>

            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Green for good, red for bad, white in between: centred on 0 for the signed figures (a
    /// positive Sharpe is never red), on the middle of the range for the drawdown and the
    /// deflated Sharpe (a probability).
    static func color(_ value: Double, minimum: Double, maximum: Double, metric: SweepMetric) -> String {
        var position: Double
        if metric == .maxDrawdown || metric == .deflatedSharpe {
            position = maximum > minimum ? (value - minimum) / (maximum - minimum) * 2 - 1 : 0
        } else {
            let extent = max(abs(minimum), abs(maximum))
            position = value / extent
        }
        if !metric.higherIsBetter { position = -position }
        let strength = min(abs(position), 1)
        let fade = Int((1 - strength) * 255)
        return position >= 0 ? "rgb(\(fade),\(Int(128 + 127 * (1 - strength))),\(fade))" : "rgb(\(Int(200 + 55 * (1 - strength))),\(fade),\(fade))"
    }

    static func heatmap(_ table: SweepTable) -> String {
        let rows = table.axes[0].values, columns = table.axes[1].values
        let values = table.points.compactMap { $0.value(table.metric) }
        let minimum = values.min() ?? 0, maximum = values.max() ?? 0
        let cellWidth = 90.0, cellHeight = 32.0, left = 110.0, top = 24.0
        let width = left + cellWidth * Double(columns.count) + 8, height = top + cellHeight * Double(rows.count) + 8
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" style=\"max-width:\(Int(width))px\" role=\"img\" aria-label=\"heatmap\">"
        for (column, value) in columns.enumerated() {
            svg += "<text x=\"\(left + cellWidth * (Double(column) + 0.5))\" y=\"16\" class=\"axis\" text-anchor=\"middle\">\(escape(value))</text>"
        }
        for (row, rowValue) in rows.enumerated() {
            let y = top + cellHeight * Double(row)
            svg += "<text x=\"\(left - 8)\" y=\"\(y + cellHeight / 2 + 4)\" class=\"axis\" text-anchor=\"end\">\(escape(rowValue))</text>"
            for column in columns.indices {
                let summary = table.points[row * columns.count + column]
                let x = left + cellWidth * Double(column)
                let value = summary.value(table.metric)
                let fill = value.map { color($0, minimum: minimum, maximum: maximum, metric: table.metric) } ?? "#eee"
                let stroke = summary.point == table.best_point ? " stroke=\"#000\" stroke-width=\"2\"" : " stroke=\"#fff\""
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellWidth)\" height=\"\(cellHeight)\" fill=\"\(fill)\"\(stroke)>"
                svg += "<title>\(escape(summary.settings.joined(separator: " ")))</title></rect>"
                svg += "<text x=\"\(x + cellWidth / 2)\" y=\"\(y + cellHeight / 2 + 4)\" class=\"cell\" text-anchor=\"middle\">"
                svg += "\(value.map { String(format: "%.3g", $0) } ?? "-")</text>"
            }
        }
        return svg + "</svg>"
    }

    static func line(_ table: SweepTable) -> String {
        let labels = table.axes[0].values
        let means = table.points.map { $0.value(table.metric) }
        let perRun = table.runs.compactMap { run in table.metric.value(of: run).map { (run.point, $0) } }
        let all = means.compactMap { $0 } + perRun.map(\.1)
        guard let minimum = all.min(), let maximum = all.max() else { return "<p class=\"sub\">no run defines the metric</p>" }
        let span = maximum > minimum ? maximum - minimum : 1
        let width = 720.0, height = 220.0, left = 60.0, right = 12.0, top = 12.0, bottom = 36.0
        func x(_ index: Int) -> Double {
            labels.count == 1 ? (left + width - right) / 2 : left + Double(index) / Double(labels.count - 1) * (width - left - right)
        }
        func y(_ value: Double) -> Double { top + (maximum - value) / span * (height - top - bottom) }
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"line\">"
        svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(width - left - right)\" height=\"\(height - top - bottom)\" fill=\"#fafafa\" stroke=\"#ddd\"/>"
        for (point, value) in perRun {
            svg += "<circle cx=\"\(x(point))\" cy=\"\(y(value))\" r=\"2.5\" fill=\"#9ab\"/>"
        }
        let path = means.enumerated().compactMap { index, value in value.map { "\(x(index)),\(y($0))" } }.joined(separator: " ")
        svg += "<polyline fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" points=\"\(path)\"/>"
        for (index, label) in labels.enumerated() {
            svg += "<text x=\"\(x(index))\" y=\"\(height - bottom + 16)\" class=\"axis\" text-anchor=\"middle\">\(escape(label))</text>"
        }
        svg += "<text x=\"4\" y=\"\(top + 10)\" class=\"axis\">\(String(format: "%.3g", maximum))</text>"
        svg += "<text x=\"4\" y=\"\(height - bottom)\" class=\"axis\">\(String(format: "%.3g", minimum))</text>"
        svg += "<text x=\"\(width / 2)\" y=\"\(height - 4)\" class=\"axis\" text-anchor=\"middle\">\(escape(table.axes[0].key)) (line: mean over seeds; dots: each seed)</text>"
        return svg + "</svg>"
    }

    static func pointTable(_ table: SweepTable, currency: String) -> String {
        var html = "<table><tr>" + table.axes.map { "<th>\(escape($0.key))</th>" }.joined()
        html += "<th>runs</th><th>PnL \(escape(currency))</th><th>Sharpe</th><th>± sd</th><th>deflated</th><th>max DD</th><th>hit rate</th><th>orders</th></tr>"
        for summary in table.points {
            html += summary.point == table.best_point ? "<tr class=\"best\">" : "<tr>"
            html += summary.settings.map { "<td>\(escape(String($0.split(separator: "=", maxSplits: 1).last ?? "")))</td>" }.joined()
            html += "<td>\(summary.runs)</td><td>\(String(format: "%.2f", summary.pnl_mean))</td>"
            html += "<td>\(SweepTable.format(summary.sharpe_mean, "%.2f"))</td><td>\(SweepTable.format(summary.sharpe_deviation, "%.2f"))</td>"
            html += "<td>\(SweepTable.format(summary.deflated_sharpe_mean, "%.3f"))</td><td>\(String(format: "%.2f %%", summary.max_drawdown_mean * 100))</td>"
            html += "<td>\(SweepTable.format(summary.hit_rate_mean.map { $0 * 100 }, "%.1f %%"))</td><td>\(String(format: "%.1f", summary.orders_mean))</td></tr>"
        }
        return html + "</table>"
    }
}
