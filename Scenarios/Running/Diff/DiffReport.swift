import Kernel
import Messages

/// `metronome diff --report-json` (and the `diff` part of a counterfactual replay's report).
/// Field names are stable and documented in docs/live.md.
public struct DiffReport: Codable, Sendable {
    public struct SideReport: Codable, Sendable {
        public var log: String
        public var records: UInt64
        public var inputs: UInt64
        public var decisions: UInt64
        public var orders: Int
        public var fills: UInt64
        public var filled_quantity: Int64
        public var fees: String
        public var gate_decisions: Int
        /// Signal records, when both logs hold them (format 5, `--record-signals`); null otherwise.
        public var signals: UInt64?
        public var forecasts: UInt64?
        public var signal_records: UInt64?
        public var pnl: String
        public var digest: String?
        public var decision_digest: String?
        public var damage: String?
    }

    public struct DivergenceReport: Codable, Sendable {
        public var record_index: UInt64
        public var time: String
        public var actor: String
        public var a: String?
        public var b: String?
        public var detail: String
    }

    public struct OrderReport: Codable, Sendable {
        /// The ordinal, among the log's inputs, of the input behind the order: what pairs it.
        public var input: UInt64
        /// Its trace id (the input's sequence number in that log: shifts between runs).
        public var trace: UInt64
        public var symbol: String
        public var side: String
        public var quantity: Int64
        public var limit_price: Int64
        public var venue: UInt8
        public var type: String
    }

    public struct OrderChangeReport: Codable, Sendable {
        public var a: OrderReport
        public var b: OrderReport
    }

    public var same: Bool
    public var a: SideReport
    public var b: SideReport
    public var first_divergence: DivergenceReport?
    /// The first signal records that differ when both logs hold them (record_index counts signal
    /// records only); null when they match or were not compared.
    public var first_signal_difference: DivergenceReport?
    public var orders_added: Int
    public var orders_removed: Int
    public var orders_changed: Int
    /// Gate decisions and fills paired as orders are: a changed count counts pairs, so it never
    /// exceeds either side's total.
    public var gate_decisions_added: Int
    public var gate_decisions_removed: Int
    public var gate_decisions_changed: Int
    public var fills_added: Int
    public var fills_removed: Int
    public var fills_changed: Int
    public var fills_delta: Int64
    public var pnl_delta: String
    public var currency: String
    /// A few examples of each kind of order change.
    public var examples_added: [OrderReport]
    public var examples_removed: [OrderReport]
    /// Changed orders as they were in A and became in B.
    public var examples_changed: [OrderChangeReport]
    public var notes: [String]

    public init(_ diff: LogDiff) {
        func money(_ minorUnits: Int64) -> String { FixedPointText.format(minorUnits, precision: 2) }
        func side(_ side: LogDiff.Side) -> SideReport {
            SideReport(log: side.path, records: side.records, inputs: side.inputs, decisions: side.decisions, orders: side.orders, fills: side.fills,
                       filled_quantity: side.filledQuantity, fees: money(side.feesMinorUnits), gate_decisions: side.gateDecisions,
                       signals: diff.signalsCompared ? side.signals : nil, forecasts: diff.signalsCompared ? side.forecasts : nil,
                       signal_records: diff.signalsCompared ? side.signalRecords : nil, pnl: money(side.pnlMinorUnits), digest: side.digest, decision_digest: side.decisionDigest, damage: side.damage)
        }
        func order(_ order: Order, input: UInt64) -> OrderReport {
            OrderReport(input: input, trace: order.traceID, symbol: Int(order.symbol) < diff.symbols.count ? diff.symbols[Int(order.symbol)] : "\(order.symbol)", side: order.side.description, quantity: order.quantity,
                        limit_price: order.limitPrice, venue: order.venue, type: "\(order.type)")
        }
        same = diff.identical
        a = side(diff.a)
        b = side(diff.b)
        func divergence(_ found: LogDivergence) -> DivergenceReport {
            DivergenceReport(record_index: found.recordIndex, time: TimeUnits.iso8601(found.time), actor: found.actor, a: found.a, b: found.b,
                             detail: found.detail)
        }
        first_divergence = diff.divergence.map(divergence)
        first_signal_difference = diff.signalDivergence.map(divergence)
        orders_added = diff.ordersAdded.count
        orders_removed = diff.ordersRemoved.count
        orders_changed = diff.ordersChanged.count
        gate_decisions_added = diff.gateDecisions.addedKeys.count
        gate_decisions_removed = diff.gateDecisions.removedKeys.count
        gate_decisions_changed = diff.gateDecisions.changed.count
        fills_added = diff.fills.addedKeys.count
        fills_removed = diff.fills.removedKeys.count
        fills_changed = diff.fills.changed.count
        fills_delta = Int64(diff.b.fills) - Int64(diff.a.fills)
        pnl_delta = money(diff.pnlDeltaMinorUnits)
        currency = diff.currency
        examples_added = diff.orders.addedKeys.prefix(5).map { order($0.decision, input: $0.key.inputOrdinal) }
        examples_removed = diff.orders.removedKeys.prefix(5).map { order($0.decision, input: $0.key.inputOrdinal) }
        examples_changed = diff.ordersChanged.prefix(5).map {
            OrderChangeReport(a: order($0.a, input: $0.key.inputOrdinal), b: order($0.b, input: $0.key.inputOrdinal))
        }
        notes = diff.notes
    }

    /// The human summary `metronome diff` prints.
    public var text: String {
        var lines: [String] = []
        if same {
            // Logs of two formats hold the same run under two digests (see the note).
            let digests = a.digest == b.digest ? "digest \(a.digest ?? "-")" : "digests \(a.digest ?? "-") (A), \(b.digest ?? "-") (B)"
            lines.append("same run: \(a.records) records (\(a.inputs) inputs, \(a.decisions) decisions) match; \(digests)")
        } else if let divergence = first_divergence {
            lines.append("first divergence at record \(divergence.record_index), \(divergence.time), \(divergence.actor): \(divergence.detail)")
            lines.append("  A: \(divergence.a ?? "(end of log)")")
            lines.append("  B: \(divergence.b ?? "(end of log)")")
        }
        // The first differing signal record, unless it is the first divergence already.
        if let signal = first_signal_difference, signal.a != first_divergence?.a || signal.b != first_divergence?.b {
            lines.append("first differing signal record (#\(signal.record_index) of the signal records), \(signal.time), \(signal.actor): \(signal.detail)")
            lines.append("  A: \(signal.a ?? "(none)")")
            lines.append("  B: \(signal.b ?? "(none)")")
        }
        for note in notes { lines.append("note: \(note)") }
        if !same {
            var rows: [(String, String, String, String)] = [
                ("", "A", "B", ""),
                ("records", "\(a.records)", "\(b.records)", ""),
                ("orders", "\(a.orders)", "\(b.orders)", "+\(orders_added) added, −\(orders_removed) removed, \(orders_changed) changed"),
                ("fills", "\(a.fills)", "\(b.fills)",
                 "+\(fills_added) added, −\(fills_removed) removed, \(fills_changed) changed; filled quantity \(a.filled_quantity) → \(b.filled_quantity)"),
                ("gate decisions", "\(a.gate_decisions)", "\(b.gate_decisions)",
                 "+\(gate_decisions_added) added, −\(gate_decisions_removed) removed, \(gate_decisions_changed) changed"),
                ("fees", a.fees, b.fees, currency),
                ("PnL", a.pnl, b.pnl, "Δ \(pnl_delta) \(currency)"),
            ]
            if let signalsA = a.signals, let signalsB = b.signals {
                rows.append(("signals", "\(signalsA)", "\(signalsB)", "forecasts \(a.forecasts ?? 0) → \(b.forecasts ?? 0); signal records \(a.signal_records ?? 0) → \(b.signal_records ?? 0)"))
            }
            let widths = (rows.map(\.0.count).max()!, rows.map(\.1.count).max()!, rows.map(\.2.count).max()!)
            for row in rows {
                let first = row.0.padding(toLength: widths.0, withPad: " ", startingAt: 0)
                let second = String(repeating: " ", count: widths.1 - row.1.count) + row.1
                let third = String(repeating: " ", count: widths.2 - row.2.count) + row.2
                lines.append("\(first)  \(second)  \(third)  \(row.3)")
            }
            // Only the first few of each kind are listed: say how many more there are, so a count
            // of six beside five lines never reads as an order gone missing.
            for order in examples_added { lines.append("  + order \(DiffReport.describe(order))") }
            if orders_added > examples_added.count { lines.append("  + … and \(orders_added - examples_added.count) more added orders") }
            for order in examples_removed { lines.append("  − order \(DiffReport.describe(order))") }
            if orders_removed > examples_removed.count { lines.append("  − … and \(orders_removed - examples_removed.count) more removed orders") }
            for change in examples_changed {
                lines.append("  ~ order \(DiffReport.describe(change.a))")
                lines.append("       → \(change.b.side) \(change.b.quantity) @ \(change.b.limit_price) venue \(change.b.venue) \(change.b.type) (trace \(change.b.trace))")
            }
            if orders_changed > examples_changed.count { lines.append("  ~ … and \(orders_changed - examples_changed.count) more changed orders") }
        }
        return lines.joined(separator: "\n")
    }

    /// An order as the summary lists it: what pairs it (the input behind it) first; its trace id
    /// only when it says something else (a sequence number, in logs of format 1–3).
    static func describe(_ order: OrderReport) -> String {
        let trace = order.trace == order.input ? "" : " (trace \(order.trace))"
        return "input #\(order.input) \(order.symbol) \(order.side) \(order.quantity) @ \(order.limit_price) venue \(order.venue) \(order.type)\(trace)"
    }
}
