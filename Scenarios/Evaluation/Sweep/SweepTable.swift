import Foundation

/// A sweep's results as one table: a row per grid point (figures averaged over its seeds), the
/// best point by the chosen metric, and every run. Made from the results alone, in grid order, so
/// the same sweep gives the same table whether it ran at once, in shards or after a resume.
public struct SweepTable: Sendable, Codable, Equatable {
    public var scenario: String
    public var axes: [SweepAxis]
    public var seeds: [UInt64]
    public var metric: SweepMetric
    /// Trials the deflated Sharpe ratios count: the grid's points.
    public var trials: Int
    public var points: [SweepPointSummary]
    /// The grid point with the best mean `metric` (nil when no point defines it).
    public var best_point: Int?
    public var runs: [SweepRunResult]
    /// Runs not finished (an interrupted sweep, a missing shard).
    public var missing_runs: [Int]

    public init(manifest: SweepStore.Manifest, results: [SweepRunResult], missing: [Int], metric: SweepMetric) {
        let grid = manifest.grid
        scenario = manifest.scenario
        axes = grid.axes
        seeds = grid.seeds
        self.metric = metric
        trials = grid.pointCount
        let byPoint = Dictionary(grouping: results, by: \.point)
        points = (0..<grid.pointCount).map { point in
            SweepPointSummary(point: point, settings: grid.assignments(of: point).map { "\($0.key)=\($0.value)" },
                              results: (byPoint[point] ?? []).sorted { $0.run < $1.run })
        }
        runs = results.sorted { $0.run < $1.run }
        missing_runs = missing
        best_point = points.filter { $0.value(metric) != nil }.max { a, b in
            let (x, y) = (a.value(metric)!, b.value(metric)!)
            // Ties go to the earlier point.
            return metric.higherIsBetter ? (x < y || (x == y && a.point > b.point)) : (x > y || (x == y && a.point > b.point))
        }?.point
    }

    // MARK: Text

    /// The terminal table: a row per grid point, the best marked, then a line on the best.
    public func text(currency: String) -> String {
        let intervals = points.contains { $0.sharpe_interval_mean != nil }
        let header = axes.map(\.key) + ["runs", "PnL \(currency)", "Sharpe", "± sd"] + (intervals ? ["Sharpe 95 % (mean)"] : [])
            + ["deflated", "max DD", "hit rate", "orders", ""]
        var rows = [header]
        for summary in points {
            let values = summary.settings.map { String($0.split(separator: "=", maxSplits: 1).last ?? "") }
            let leading: [String] = ["\(summary.runs)", String(format: "%.2f", summary.pnl_mean), Self.format(summary.sharpe_mean, "%.2f"),
                                     Self.format(summary.sharpe_deviation, "%.2f")]
            let interval: [String] = intervals ? [summary.sharpe_interval_mean.map { String(format: "[%.2f, %.2f]", $0[0], $0[1]) } ?? "-"] : []
            let trailing: [String] = [Self.format(summary.deflated_sharpe_mean, "%.3f"), String(format: "%.2f%%", summary.max_drawdown_mean * 100),
                                      Self.format(summary.hit_rate_mean.map { $0 * 100 }, "%.1f%%"), String(format: "%.1f", summary.orders_mean),
                                      summary.point == best_point ? "← best \(metric.rawValue)" : ""]
            rows.append(values + leading + interval + trailing)
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        lines.insert(String(repeating: "─", count: widths.reduce(0, +) + 2 * (widths.count - 1)), at: 1)
        lines.append("")
        lines.append(footer())
        return lines.joined(separator: "\n")
    }

    func footer() -> String {
        var text = "\(points.count) grid point\(points.count == 1 ? "" : "s") × \(seeds.count) seed\(seeds.count == 1 ? "" : "s")"
            + " = \(points.count * seeds.count) runs; means over seeds; Sharpe as each run's report defines it (docs/metrics.md)."
        if let best = best_point {
            let summary = points[best]
            text += "\nbest by mean \(metric.rawValue): \(summary.settings.joined(separator: " "))"
            if let deflated = summary.deflated_sharpe_mean {
                text += String(format: " — deflated Sharpe %.3f: P[its true Sharpe beats the best of %d skill-less trials]", deflated, trials)
            }
        }
        if !missing_runs.isEmpty {
            text += "\n\(missing_runs.count) run\(missing_runs.count == 1 ? "" : "s") missing (interrupted or a shard not merged): "
                + "these figures are over the runs that finished"
        }
        return text
    }

    static func format(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "-" }

    // MARK: CSV and JSON

    /// One row per run: its grid point's settings, seed and figures.
    public func csv() -> String {
        var lines = [(["run", "point", "seed"] + axes.map(\.key) + ["pnl", "sharpe", "sortino", "deflated_sharpe", "calmar", "max_drawdown",
                                                                 "cvar_99", "hit_rate", "profit_factor", "orders", "fills",
                                                                 "kill_switch_engaged", "digest", "sharpe_95_lower", "sharpe_95_upper",
                                                                 "pnl_95_lower", "pnl_95_upper"]).joined(separator: ",")]
        for run in runs {
            let settings = points[run.point].settings.map { String($0.split(separator: "=", maxSplits: 1).last ?? "") }
            let figures = [run.sharpe, run.sortino, run.deflated_sharpe, run.calmar, run.max_drawdown, run.cvar_99, run.hit_rate, run.profit_factor]
                .map { $0.map { String($0) } ?? "" }
            lines.append((["\(run.run)", "\(run.point)", "\(run.seed)"] + settings + [run.pnl] + figures
                          + ["\(run.orders)", "\(run.fills)", "\(run.kill_switch_engaged)", run.digest]
                          + (run.bootstrap?.sharpe?.map { String($0) } ?? ["", ""]) + (run.bootstrap?.pnl ?? ["", ""])).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() throws -> Data {
        try SweepStore.encoder.encode(self)
    }
}
