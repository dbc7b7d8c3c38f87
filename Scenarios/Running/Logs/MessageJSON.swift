import Actors
import Kernel
import Messages
import ScenarioDefinition

/// Messages as one-line JSON objects, for `metronome log cat` and divergence reports. Keys are
/// written in a fixed order; numbers are exact (fixed-point integers stay integers).
public enum MessageJSON {
    public static func fields(_ message: Message) -> [(String, String)] {
        switch message {
        case .ping(let ping): [("value", "\(ping.value)")]
        case .timer(let timer): [("tag", "\(timer.tag)")]
        case .quote(let quote): fields(quote)
        case .trade(let trade): fields(trade)
        case .bar(let bar): fields(bar)
        case .alt(let datum): fields(datum)
        case .signal(let signal): fields(signal)
        case .forecast(let forecast): fields(forecast)
        case .slate(let entry): fields(entry)
        case .indicator(let value): fields(value)
        case .custom(let value): fields(value)
        case .package(let message): fields(message)
        case .order(let order): fields(order)
        case .fill(let fill): fields(fill)
        case .intent(let intent): fields(intent)
        case .gate(let decision): fields(decision)
        case .report(let report): fields(report)
        case .fault(let fault): fields(fault)
        case .tradeCost(let record): fields(record)
        case .position(let position): fields(position)
        case .action(let action): fields(action)
        }
    }

    private static func fields(_ quote: Quote) -> [(String, String)] {
        return [("symbol", "\(quote.symbol)"), ("bid", "\(quote.bidPrice)"), ("ask", "\(quote.askPrice)"),
                ("bid_size", "\(quote.bidSize)"), ("ask_size", "\(quote.askSize)"), ("exchange_time", "\(quote.exchangeTime)")]
    }

    private static func fields(_ trade: Trade) -> [(String, String)] {
        return [("symbol", "\(trade.symbol)"), ("price", "\(trade.price)"), ("size", "\(trade.size)"),
                ("aggressor", quoted(trade.aggressor.description)), ("exchange_time", "\(trade.exchangeTime)")]
    }

    private static func fields(_ bar: Bar) -> [(String, String)] {
        return [("symbol", "\(bar.symbol)"), ("open", "\(bar.open)"), ("high", "\(bar.high)"), ("low", "\(bar.low)"),
                ("close", "\(bar.close)"), ("volume", "\(bar.volume)"), ("period_start", "\(bar.periodStart)"),
                ("period_ns", "\(bar.periodNanoseconds)")]
    }

    private static func fields(_ datum: AltDatum) -> [(String, String)] {
        return [("kind", quoted(datum.kind.description)), ("symbol", datum.symbol == AltDatum.marketWide ? "null" : "\(datum.symbol)"),
                ("value", number(datum.value)), ("exchange_time", "\(datum.exchangeTime)")]
    }

    private static func fields(_ signal: Signal) -> [(String, String)] {
        return [("symbol", "\(signal.symbol)"), ("mu", number(signal.mu)), ("sigma", number(signal.sigma)),
                ("horizon_ns", "\(signal.horizonNanoseconds)"), ("confidence", number(signal.confidence)),
                ("regime", "\(signal.regime)"), ("agent", "\(signal.agentID)"), ("model_version", "\(signal.modelVersion)"),
                ("trace", "\(signal.traceID)")]
    }

    private static func fields(_ forecast: Forecast) -> [(String, String)] {
        let contributions = "{" + forecast.shares.nonZero.map { "\"\($0.agentID)\":\(number($0.share))" }.joined(separator: ",") + "}"
        return [("symbol", "\(forecast.symbol)"), ("mu", number(forecast.mu)), ("sigma", number(forecast.sigma)),
                ("horizon_ns", "\(forecast.horizonNanoseconds)"), ("regime", "\(forecast.regime)"), ("trace", "\(forecast.traceID)"),
                ("shares", contributions)]
    }

    private static func fields(_ entry: SlateEntry) -> [(String, String)] {
        return [("slate", "\(entry.slateID)"), ("rank", "\(entry.rank)"), ("count", "\(entry.count)"), ("symbol", "\(entry.symbol)"),
                ("mu", number(entry.mu)), ("score", number(entry.score)), ("penalty", number(entry.penalty)),
                ("propensity", number(entry.propensity)), ("explored", entry.explored ? "true" : "false")]
    }

    private static func fields(_ value: IndicatorValue) -> [(String, String)] {
        return [("symbol", "\(value.symbol)"), ("indicator", quoted(value.kind.description)), ("value", number(value.value)),
                ("trace", "\(value.traceID)")]
    }

    /// A package's own value, named as the package registered it (`#id` when this executable
    /// does not register it).
    private static func fields(_ value: CustomValue) -> [(String, String)] {
        let name = ComponentRegistry.current.valueName(of: value.valueID) ?? "#\(value.valueID)"
        return [("symbol", "\(value.symbol)"), ("custom", quoted(name)), ("value", number(value.value)), ("trace", "\(value.traceID)")]
    }

    /// A package's own message: its type and values named as the package registered them
    /// (`#id` and `value0`…`value3` when this executable does not register the type).
    private static func fields(_ message: PackageMessage) -> [(String, String)] {
        let type = ComponentRegistry.current.messageType(id: message.typeID)
        let names = type?.valueNames ?? (0..<PackageMessage.valueCount).map { "value\($0)" }
        return [("symbol", "\(message.symbol)"), ("message", quoted(type?.name ?? "#\(message.typeID)"))]
            + names.enumerated().map { ($1, number(message.value($0))) } + [("trace", "\(message.traceID)")]
    }

    private static func fields(_ order: Order) -> [(String, String)] {
        return [("order", "\(order.orderID)"), ("symbol", "\(order.symbol)"), ("side", quoted(order.side.description)),
                ("quantity", "\(order.quantity)"), ("limit", "\(order.limitPrice)"), ("order_type", quoted(order.type.description)),
                ("venue", "\(order.venue)"), ("trace", "\(order.traceID)")]
    }

    private static func fields(_ fill: Fill) -> [(String, String)] {
        return [("order", "\(fill.orderID)"), ("fill", "\(fill.fillID)"), ("symbol", "\(fill.symbol)"), ("side", quoted(fill.side.description)),
                ("quantity", "\(fill.quantity)"), ("price", "\(fill.price)"), ("fee", "\(fill.feeMinorUnits)"),
                ("final", fill.isFinal ? "true" : "false"), ("venue", "\(fill.venue)"), ("trace", "\(fill.traceID)")]
    }

    private static func fields(_ intent: Intent) -> [(String, String)] {
        return [("symbol", "\(intent.symbol)"), ("target", "\(intent.targetQuantity)"), ("quantity", "\(intent.quantity)"),
                ("reference_price", "\(intent.referencePrice)"), ("kelly_weight", number(Double(intent.kellyWeight))),
                ("capped_weight", number(Double(intent.cappedWeight))), ("drawdown_scale", number(Double(intent.drawdownScale))),
                ("cvar_scale", number(Double(intent.cvarScale))), ("trace", "\(intent.traceID)")]
    }

    private static func fields(_ decision: GateDecision) -> [(String, String)] {
        let reasons = "[" + decision.reasons.names.map(quoted).joined(separator: ",") + "]"
        return [("symbol", "\(decision.symbol)"), ("outcome", quoted(decision.outcome.description)),
                ("requested", "\(decision.requestedQuantity)"), ("approved", "\(decision.approvedQuantity)"), ("reasons", reasons),
                ("trace", "\(decision.traceID)")]
    }

    private static func fields(_ report: ExecutionReport) -> [(String, String)] {
        return [("order", "\(report.orderID)"), ("symbol", "\(report.symbol)"), ("kind", quoted(report.kind.description)),
                ("reason", quoted(report.reason.description)), ("leaves", "\(report.leavesQuantity)"), ("venue", "\(report.venue)"),
                ("trace", "\(report.traceID)")]
    }

    private static func fields(_ fault: FaultEvent) -> [(String, String)] {
        return [("fault", quoted(FaultKind(rawValue: fault.kind)?.name ?? "\(fault.kind)")), ("phase", quoted(fault.phase == .start ? "start" : "stop")),
                ("target", fault.target == FaultEvent.everything ? "\"*\"" : "\(fault.target)"), ("magnitude", number(fault.magnitude)),
                ("parameter", "\(fault.parameter)")]
    }

    private static func fields(_ record: TradeCostRecord) -> [(String, String)] {
        return [("order", "\(record.orderID)"), ("symbol", "\(record.symbol)"), ("venue", "\(record.venue)"),
                ("order_type", quoted(record.type.description)), ("arrival", "\(record.arrivalPrice)"),
                ("average_price", number(record.averageFillPrice)), ("filled", "\(record.filledQuantity)"),
                ("shortfall_bps", number(record.shortfallBasisPoints)),
                ("predicted_bps", number(Double(record.predictedCostBasisPoints))), ("propensity", number(Double(record.propensity)))]
    }

    private static func fields(_ position: PositionUpdate) -> [(String, String)] {
        return [("symbol", "\(position.symbol)"), ("position", "\(position.position)"), ("cash", "\(position.cashMinorUnits)"),
                ("realized_pnl", "\(position.realizedPnLMinorUnits)"), ("trace", "\(position.traceID)")]
    }

    private static func fields(_ action: PolicyAction) -> [(String, String)] {
        return [("symbol", "\(action.symbol)"), ("step", "\(action.step)"), ("direction", "\(action.direction)"),
                ("size_index", "\(action.sizeIndex)"), ("stop_index", "\(action.stopIndex)"),
                ("take_profit_index", "\(action.takeProfitIndex)"), ("target", "\(action.targetQuantity)"),
                ("reward", number(action.reward)), ("trace", "\(action.traceID)")]
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
