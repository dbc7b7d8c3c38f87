import ScenarioReports

/// `metronome chaos --report-html`: one self-contained page (no script, no network): the suite's
/// figures, faults fired, failures by invariant and each failure's reproducer.
public enum ChaosHTML {
    public static func render(_ report: ChaosSuiteReport) -> String {
        let escape = SVGChart.escape
        var body = "<h1>Chaos — \(escape(report.scenario))</h1>"
        body += "<p>\(report.runs) seeds · \(report.failures.count) failing · \(String(format: "%.1f", report.seeds_per_minute)) seeds/min · "
            + "\(report.catalog_size - report.faults_never_fired.count)/\(report.catalog_size) faults fired · \(escape(report.faultsRanText))</p>"
        let maximum = max(1, report.faults_fired.values.max() ?? 1)
        body += "<h2>Faults fired</h2><table>"
        for (name, count) in report.faults_fired.sorted(by: { $0.key < $1.key }) {
            let width = Int(Double(count) / Double(maximum) * 300)
            body += "<tr><th>\(escape(name))</th><td>\(count)</td><td><svg width=\"310\" height=\"12\"><rect width=\"\(max(width, 1))\" height=\"12\" fill=\"#4a7\"/></svg></td></tr>"
        }
        body += "</table>"
        if !report.faults_never_fired.isEmpty { body += "<p>never fired: \(escape(report.faults_never_fired.joined(separator: ", ")))</p>" }
        body += "<h2>Failures by invariant</h2><table>"
        for (name, count) in report.failures_by_invariant.sorted(by: { $0.key < $1.key }) { body += "<tr><th>\(escape(name))</th><td>\(count)</td></tr>" }
        body += "</table><h2>Failures</h2>"
        if report.failures.isEmpty { body += "<p>every invariant held on every seed</p>" }
        for failure in report.failures {
            body += "<p><b>seed \(failure.seed)</b>: \(escape(failure.invariant)) at \(escape(failure.time)) — \(escape(failure.detail))<br><code>\(escape(failure.reproduce))</code></p>"
        }
        for item in report.shrunk {
            body += "<p><b>seed \(item.seed) shrunk</b> to \(item.faults.count) fault(s): \(escape(item.faults.map(\.fault).joined(separator: ", ")))<br><code>\(escape(item.reproduce))</code></p>"
        }
        return """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Metronome chaos — \(escape(report.scenario))</title>
            <style>body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:760px}th{text-align:left;font-weight:500;padding-right:12px}code{font-size:12px}</style>
            </head><body>\(body)</body></html>

            """
    }
}
