import Foundation
import Kernel
import Messages
import Scenarios

/// The end-of-run summary as an aligned two-column table.
enum SummaryTable {
    static func render(_ report: RunReport) -> String {
        var rows: [(String, String)] = [
            ("scenario", report.scenario),
            ("seed", String(report.seed)),
            (report.mode == "live" ? "wall clock" : "simulated", "\(report.sim_start) → \(report.sim_end)"),
            ("stopped by", report.stop_reason),
            ("events", grouped(report.events)),
            ("inputs", grouped(report.inputs)),
            ("wall time", String(format: "%.3f s", report.wall_seconds)),
            ("events/s", grouped(UInt64(report.events_per_second))),
            ("signals", grouped(UInt64(report.signals))),
        ]
        let senders = report.agents.filter { ($0.messages ?? 0) > 0 }
        if !senders.isEmpty {
            let total = senders.reduce(0) { $0 + ($1.messages ?? 0) }
            let each = senders.map { "\($0.name) \(grouped(UInt64($0.messages ?? 0)))" }.joined(separator: ", ")
            rows.append(("messages", "\(grouped(UInt64(total))) of package types, sent by agents (\(each))"))
        }
        rows += [
            ("orders", grouped(UInt64(report.orders))),
            ("fills", grouped(UInt64(report.fills))),
            ("rejects", quarantineLine(report.rejects)),
            ("gate", report.gate.map { gate in
                "\(gate.approved) approved, \(gate.projected) projected, \(gate.rejected) rejected"
                    + (report.kill_switch_engaged ? ", kill switch ENGAGED" : "")
                    + (report.marks_outside_valuation_domain > 0
                        ? ", \(report.marks_outside_valuation_domain) prices beyond the valuation domain refused" : "")
            } ?? "none"),
            ("final equity", "\(report.final_equity) \(report.currency)"),
            ("PnL", "\(report.pnl) \(report.currency)"),
            ("fees", "\(report.fees) \(report.currency)"),
            ("max drawdown", String(format: "%.2f%% (%@ %@; on every fill and mark)", report.max_drawdown * 100, report.max_drawdown_amount, report.currency)),
            ("Sharpe", MetricsText.ratio(report.sharpe, report.returns)),
            ("Sortino", MetricsText.ratio(report.sortino, report.returns)),
            ("deflated Sharpe", MetricsText.deflatedSharpe(report.deflated_sharpe, trials: report.returns.trials)),
            ("Calmar", MetricsText.calmar(report.calmar, annualReturn: report.annual_return, report.returns)),
            ("CVaR 99", MetricsText.cvar99(report.cvar_99, report.returns)),
        ]
        if let bootstrap = report.bootstrap {
            rows.append((MetricsText.bootstrapLabel(bootstrap), MetricsText.bootstrap(bootstrap, report.returns, currency: report.currency)))
        }
        rows += [
            ("underwater", MetricsText.duration(seconds: report.longest_underwater_seconds) + " (longest time below a previous equity peak)"),
            ("profit factor", MetricsText.profitFactor(report.profit_factor)),
            ("expectancy", MetricsText.expectancy(report.expectancy, currency: report.currency)),
            ("shortfall", report.implementation_shortfall_bps.map { String(format: "%.2f bps (filled orders against the arrival mid, fees included)", $0) } ?? "-"),
            ("quarantined", quarantineLine(report.quarantined)),
        ] + quarantineDetail(report.quarantine) + [
            ("blender", report.blender.map { blender in
                "\(grouped(UInt64(blender.forecasts))) forecasts, ECE "
                    + rawToRecalibrated(blender.rawExpectedCalibrationError, blender.expectedCalibrationError) { String(format: "%.3f", $0) }
                    + ", 1σ coverage "
                    + rawToRecalibrated(blender.rawOneSigmaCoverage, blender.oneSigmaCoverage) { String(format: "%.1f%%", $0 * 100) }
                    + " (raw → recalibrated)"
            } ?? "none"),
        ] + blenderWeightRows(report) + [
            ("selector", report.selector.map(MetricsText.selector) ?? "none"),
        ] + policyRows(report) + [
            ("digest", report.digest),
            ("decision_digest", report.decision_digest),
        ]
        if let hindsight = report.selector.flatMap(MetricsText.selectorHindsight),
           let position = rows.firstIndex(where: { $0.0 == "selector" }) {
            rows.insert(("", hindsight), at: position + 1)
        }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }

    /// "0.098 → 0.031": a raw figure and the recalibrated one.
    private static func rawToRecalibrated(_ raw: Double?, _ recalibrated: Double?, _ format: (Double) -> String) -> String {
        (raw.map(format) ?? "-") + " → " + (recalibrated.map(format) ?? "-")
    }

    /// The policy stage's line, when the scenario has one.
    static func policyRows(_ report: RunReport) -> [(String, String)] {
        guard let policy = report.policy else { return [] }
        return [("policy", "\(grouped(UInt64(policy.decisions))) decisions, \(grouped(UInt64(policy.intents))) intents, "
                    + "\(policy.stops_hit) stops and \(policy.take_profits_hit) take-profits hit, "
                    + String(format: "total reward %.4f", policy.total_reward)),
                ("", "reward terms: " + ["log_return", "drawdown", "trade", "holding", "cost"].map { name in
                    name.replacingOccurrences(of: "_", with: " ") + String(format: " %+.4f", policy.reward_terms[name] ?? 0)
                }.joined(separator: ", "))]
    }

    /// One row per regime: each agent's learned weight, by name, in scenario order.
    static func blenderWeightRows(_ report: RunReport) -> [(String, String)] {
        guard let blender = report.blender else { return [] }
        return blender.weightsByRegime.enumerated().map { regime, weights in
            let names = regime == 0 ? "weights normal" : "weights stress"
            let cells = report.agents.map { agent in
                agent.name + " " + (agent.id - 1 < weights.count ? String(format: "%.3f", weights[agent.id - 1]) : "-")
            }
            return (names, cells.joined(separator: ", "))
        }
    }

    /// The recording's line: where, how big, how well compressed.
    static func recording(path: String, statistics: JournalWriter.Statistics, inputs: UInt64) -> String {
        let ratio = statistics.fileBytes > 0 ? Double(statistics.uncompressedBytes) / Double(statistics.fileBytes) : 0
        let perInput = inputs > 0 ? Double(statistics.fileBytes) / Double(inputs) : 0
        return "recorded         \(path): \(grouped(statistics.fileBytes)) bytes, \(statistics.blocks) blocks, "
            + String(format: "ratio %.1f, %.1f bytes/input", ratio, perInput)
    }

    /// "0" or "3 (crossed 2, spike 1)".
    static func quarantineLine(_ counts: [String: Int]) -> String {
        let total = counts.values.reduce(0, +)
        guard total > 0 else { return "0" }
        let parts = counts.keys.sorted().compactMap { key in counts[key].flatMap { $0 > 0 ? "\(key) \($0)" : nil } }
        return "\(total) (\(parts.joined(separator: ", ")))"
    }

    /// Symbols × reasons shown in the summary; the JSON and HTML reports list them all.
    static let quarantineEntriesShown = 8
    /// Refused inputs shown in the summary.
    static let quarantineExamplesShown = 3

    /// Under the quarantine line: refusals by symbol and reason with their share of the symbol's
    /// inputs, and the first refused inputs with their times.
    static func quarantineDetail(_ figures: QuarantineFigures?) -> [(String, String)] {
        guard let figures, !figures.by_symbol.isEmpty else { return [] }
        var entries = figures.by_symbol.prefix(quarantineEntriesShown).map { entry in
            "\(entry.symbol) \(entry.reason) \(entry.count) of \(entry.judged)" + String(format: " (%.2f%%)", QuarantineFigures.percent(entry))
        }
        if figures.by_symbol.count > quarantineEntriesShown {
            entries.append("… \(figures.by_symbol.count - quarantineEntriesShown) more (--report-json or --report-html list them)")
        }
        var rows = [("  by symbol", entries.joined(separator: ", "))]
        for (index, example) in figures.examples.prefix(quarantineExamplesShown).enumerated() {
            rows.append((index == 0 ? "  first" : "", "\(example.time) \(example.symbol) \(example.reason): \(example.type) \(example.detail)"))
        }
        return rows
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ value: UInt64) -> String { DecimalText.grouped(value) }
}
