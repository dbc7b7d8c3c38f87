import Actors
import Kernel

/// Messages as one-line JSON objects, for `metronome log cat` and divergence reports. Keys are
/// written in a fixed order; numbers are exact (fixed-point integers stay integers).
public enum MessageJSON {
    public static func fields(_ message: Message) -> [(String, String)] {
        switch message {
        case .ping(let ping): return [("value", "\(ping.value)")]
        case .timer(let timer): return [("tag", "\(timer.tag)")]
        case .quote(let quote):
            return [("symbol", "\(quote.symbol)"), ("bid", "\(quote.bidPrice)"), ("ask", "\(quote.askPrice)"),
                    ("bid_size", "\(quote.bidSize)"), ("ask_size", "\(quote.askSize)"), ("exchange_time", "\(quote.exchangeTime)")]
        case .trade(let trade):
            return [("symbol", "\(trade.symbol)"), ("price", "\(trade.price)"), ("size", "\(trade.size)"),
                    ("aggressor", quoted(trade.aggressor.description)), ("exchange_time", "\(trade.exchangeTime)")]
        case .bar(let bar):
            return [("symbol", "\(bar.symbol)"), ("open", "\(bar.open)"), ("high", "\(bar.high)"), ("low", "\(bar.low)"),
                    ("close", "\(bar.close)"), ("volume", "\(bar.volume)"), ("period_start", "\(bar.periodStart)"),
                    ("period_ns", "\(bar.periodNanoseconds)")]
        case .alt(let datum):
            return [("kind", quoted(datum.kind.description)), ("symbol", datum.symbol == AltDatum.marketWide ? "null" : "\(datum.symbol)"),
                    ("value", number(datum.value)), ("exchange_time", "\(datum.exchangeTime)")]
        case .signal(let signal):
            return [("symbol", "\(signal.symbol)"), ("mu", number(signal.mu)), ("sigma", number(signal.sigma)),
                    ("horizon_ns", "\(signal.horizonNanoseconds)"), ("confidence", number(signal.confidence)),
                    ("regime", "\(signal.regime)"), ("agent", "\(signal.agentID)"), ("model_version", "\(signal.modelVersion)"),
                    ("trace", "\(signal.traceID)")]
        case .forecast(let forecast):
            let contributions = "{" + forecast.shares.nonZero.map { "\"\($0.agentID)\":\(number($0.share))" }.joined(separator: ",") + "}"
            return [("symbol", "\(forecast.symbol)"), ("mu", number(forecast.mu)), ("sigma", number(forecast.sigma)),
                    ("horizon_ns", "\(forecast.horizonNanoseconds)"), ("regime", "\(forecast.regime)"), ("trace", "\(forecast.traceID)"),
                    ("shares", contributions)]
        case .slate(let entry):
            return [("slate", "\(entry.slateID)"), ("rank", "\(entry.rank)"), ("count", "\(entry.count)"), ("symbol", "\(entry.symbol)"),
                    ("mu", number(entry.mu)), ("score", number(entry.score)), ("penalty", number(entry.penalty)),
                    ("propensity", number(entry.propensity)), ("explored", entry.explored ? "true" : "false")]
        case .indicator(let value):
            return [("symbol", "\(value.symbol)"), ("indicator", quoted(value.kind.description)), ("value", number(value.value)),
                    ("trace", "\(value.traceID)")]
        case .order(let order):
            return [("order", "\(order.orderID)"), ("symbol", "\(order.symbol)"), ("side", quoted(order.side.description)),
                    ("quantity", "\(order.quantity)"), ("limit", "\(order.limitPrice)"), ("order_type", quoted(order.type.description)),
                    ("venue", "\(order.venue)"), ("trace", "\(order.traceID)")]
        case .fill(let fill):
            return [("order", "\(fill.orderID)"), ("fill", "\(fill.fillID)"), ("symbol", "\(fill.symbol)"), ("side", quoted(fill.side.description)),
                    ("quantity", "\(fill.quantity)"), ("price", "\(fill.price)"), ("fee", "\(fill.feeMinorUnits)"),
                    ("final", fill.isFinal ? "true" : "false"), ("venue", "\(fill.venue)"), ("trace", "\(fill.traceID)")]
        case .intent(let intent):
            return [("symbol", "\(intent.symbol)"), ("target", "\(intent.targetQuantity)"), ("quantity", "\(intent.quantity)"),
                    ("reference_price", "\(intent.referencePrice)"), ("kelly_weight", number(Double(intent.kellyWeight))),
                    ("capped_weight", number(Double(intent.cappedWeight))), ("drawdown_scale", number(Double(intent.drawdownScale))),
                    ("cvar_scale", number(Double(intent.cvarScale))), ("trace", "\(intent.traceID)")]
        case .gate(let decision):
            let reasons = "[" + decision.reasons.names.map(quoted).joined(separator: ",") + "]"
            return [("symbol", "\(decision.symbol)"), ("outcome", quoted(decision.outcome.description)),
                    ("requested", "\(decision.requestedQuantity)"), ("approved", "\(decision.approvedQuantity)"), ("reasons", reasons),
                    ("trace", "\(decision.traceID)")]
        case .report(let report):
            return [("order", "\(report.orderID)"), ("symbol", "\(report.symbol)"), ("kind", quoted(report.kind.description)),
                    ("reason", quoted(report.reason.description)), ("leaves", "\(report.leavesQuantity)"), ("venue", "\(report.venue)"),
                    ("trace", "\(report.traceID)")]
        case .fault(let fault):
            return [("fault", quoted(FaultKind(rawValue: fault.kind)?.name ?? "\(fault.kind)")), ("phase", quoted(fault.phase == .start ? "start" : "stop")),
                    ("target", fault.target == FaultEvent.everything ? "\"*\"" : "\(fault.target)"), ("magnitude", number(fault.magnitude)),
                    ("parameter", "\(fault.parameter)")]
        case .tradeCost(let record):
            return [("order", "\(record.orderID)"), ("symbol", "\(record.symbol)"), ("venue", "\(record.venue)"),
                    ("order_type", quoted(record.type.description)), ("arrival", "\(record.arrivalPrice)"),
                    ("average_price", number(record.averageFillPrice)), ("filled", "\(record.filledQuantity)"),
                    ("shortfall_bps", number(record.shortfallBasisPoints)),
                    ("predicted_bps", number(Double(record.predictedCostBasisPoints))), ("propensity", number(Double(record.propensity)))]
        case .position(let position):
            return [("symbol", "\(position.symbol)"), ("position", "\(position.position)"), ("cash", "\(position.cashMinorUnits)"),
                    ("realized_pnl", "\(position.realizedPnLMinorUnits)"), ("trace", "\(position.traceID)")]
        }
    }

    /// `{"rsi":61.2,"macd":0.8,...}`: the values behind a signal, in journal order.
    public static func indicators(_ values: [IndicatorValue]) -> String {
        object(values.map { ($0.kind.description, number($0.value)) })
    }

    /// `{"type":"quote","symbol":0,...}`
    public static func object(_ message: Message) -> String {
        object([("type", quoted(message.tag.description))] + fields(message))
    }

    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    public static func quoted(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"" + escaped + "\""
    }

    /// Shortest round-tripping decimal; NaN and infinities (not JSON) as strings.
    public static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : quoted("\(value)")
    }
}
