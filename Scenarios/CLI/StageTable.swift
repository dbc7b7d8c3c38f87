import Foundation
import Kernel
import Messages
import Scenarios

/// `metronome bench FILE`'s table: one row per stage and clock, the four percentiles, the budget
/// and the verdict.
enum StageTable {
    static func render(_ report: StageBenchmarkReport) -> String {
        var lines: [String] = []
        lines.append("bench \(report.scenario): seed \(report.seed), \(report.sim_start) → \(report.sim_end), "
            + "\(SummaryTable.grouped(report.events)) events, \(report.orders) orders, "
            + String(format: "%.3f s wall with the meter on", report.wall_seconds) + ", \(report.build) build"
            + (report.stop_reason == StopReason.stopRequested.rawValue ? " — interrupted: the figures cover the run so far" : ""))
        let header = ["stage", "clock", "count", "p50", "p99", "p99.9", "max", "budget", "verdict"]
        var rows: [[String]] = []
        for name in report.stage_order {
            guard let stage = report.stages[name] else { continue }
            for (label, clock) in [("simulated", stage.simulated), ("wall", stage.wall)] {
                let verdict: String
                switch clock.status {
                case .ok: verdict = "ok"
                case .unbudgeted: verdict = "-"
                case .noSamples: verdict = "no samples"
                case .exceeded:
                    let over = report.violations.filter { $0.stage == name && $0.clock == label }
                        .map { "\($0.percentile) \(LatencyText.format($0.measured_ns)) > \(LatencyText.format($0.budget_ns))" }
                    verdict = "EXCEEDED " + over.joined(separator: ", ")
                }
                let empty = clock.count == 0
                rows.append([label == "simulated" ? name : "", label, SummaryTable.grouped(clock.count),
                             empty ? "-" : LatencyText.format(clock.p50_ns), empty ? "-" : LatencyText.format(clock.p99_ns),
                             empty ? "-" : LatencyText.format(clock.p999_ns), empty ? "-" : LatencyText.format(clock.max_ns),
                             budget(clock.budget), verdict])
            }
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                // Numbers right-aligned, words left-aligned; the last column is not padded.
                if column == cells.count - 1 { return cell }
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return (2...6).contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
        lines.append("")
        lines.append(line(header))
        lines.append(contentsOf: rows.map(line))
        lines.append("")
        let budgeted = report.stages.values.contains { $0.simulated.budget != nil || $0.wall.budget != nil }
        if !budgeted {
            lines.append("budgets    none in the scenario (add a budgets: section, docs/scenarios.md)")
        } else {
            lines.append("budgets    " + (report.budgets_ok ? "ok" : "EXCEEDED (\(report.violations.count) percentile\(report.violations.count == 1 ? "" : "s"))"))
        }
        let untraced = report.stage_order.compactMap { name -> String? in
            guard let count = report.stages[name]?.simulated.untraced, count > 0 else { return nil }
            return "\(name) \(count)"
        }
        if !untraced.isEmpty { lines.append("untraced   " + untraced.joined(separator: ", ") + " (outputs whose start had left the meter's tables)") }
        if report.clamped > 0 { lines.append("clamped    \(report.clamped) values beyond the histograms' range") }
        lines.append("digest           \(report.digest)")
        lines.append("decision_digest  \(report.decision_digest)")
        return lines.joined(separator: "\n")
    }

    /// "p99 ≤ 10.0ms, max ≤ 50.0ms" or "-".
    private static func budget(_ budget: StageBenchmarkReport.Budget?) -> String {
        guard let budget else { return "-" }
        let parts = [("p50", budget.p50_ns), ("p99", budget.p99_ns), ("p99.9", budget.p999_ns), ("max", budget.max_ns)]
            .compactMap { label, value in value.map { "\(label) ≤ \(LatencyText.format($0))" } }
        return parts.joined(separator: ", ")
    }
}
