import Kernel
import Messages

/// Parses the live feed's line protocol: one flat JSON object per line (docs/live.md).
///
/// ```
/// {"type":"quote","symbol":"ACME","bid":100.01,"ask":100.03,"bid_size":300,"ask_size":200,"time":1709303400250000000}
/// {"type":"trade","symbol":"ACME","price":"100.02","size":50,"side":"buy"}
/// {"type":"bar","symbol":"ACME","open":100,"high":100.5,"low":99.8,"close":100.2,"volume":1200,"start":"2024-03-01T14:30:00Z","period":"1m"}
/// {"type":"alt","kind":"sentiment","symbol":"ACME","value":0.42}
/// ```
///
/// Prices are decimals (JSON numbers or strings) converted exactly to the instrument's
/// precision — never through a binary float. `time` (exchange time: integer nanoseconds since the
/// epoch or ISO 8601 UTC) is optional; without it the receive time stands in. Unknown keys are
/// ignored so that a feed can carry more than the protocol needs.
///
/// Runs on the feed thread, not the kernel's: it may look symbols up in a dictionary.
public struct LiveLineParser: Sendable {
    /// Longer lines are quarantined as ``LiveLineProblem/Reason/tooLong``.
    public static let maximumLineBytes = 4096

    public struct Instrument: Sendable {
        public var id: SymbolID
        public var pricePrecision: Int

        public init(id: SymbolID, pricePrecision: Int) {
            self.id = id
            self.pricePrecision = pricePrecision
        }
    }

    private let instruments: [String: Instrument]

    public init(instruments: [String: Instrument]) {
        self.instruments = instruments
    }

    /// Parses one line (without its newline). `receivedAt` is the exchange time of inputs whose
    /// line has no `time`.
    public func parse(_ line: UnsafeBufferPointer<UInt8>, receivedAt: Timestamp) -> Result<LiveLine, LiveLineProblem> {
        guard line.count <= LiveLineParser.maximumLineBytes else {
            return .failure(LiveLineProblem(.tooLong, "a line is at most \(LiveLineParser.maximumLineBytes) bytes", column: LiveLineParser.maximumLineBytes + 1))
        }
        var object = FlatJSONObject()
        if let problem = object.scan(line) { return .failure(problem) }
        do throws(LiveLineProblem) {
            return .success(try interpret(object, line, receivedAt: receivedAt))
        } catch {
            return .failure(error)
        }
    }

    /// Convenience for tests and small inputs.
    public func parse(_ text: String, receivedAt: Timestamp) -> Result<LiveLine, LiveLineProblem> {
        var copy = text
        return copy.withUTF8 { parse($0, receivedAt: receivedAt) }
    }

    private func interpret(_ object: FlatJSONObject, _ line: UnsafeBufferPointer<UInt8>, receivedAt: Timestamp) throws(LiveLineProblem) -> LiveLine {
        let fields = LiveLineFields(object: object, line: line)
        guard let typeField = fields["type"] else { throw LiveLineProblem(.unknownType, "expected a \"type\": quote, trade, bar or alt", column: 1) }
        guard typeField.isString, let kind = LiveLine.Kind(rawValue: fields.text(typeField)) else {
            throw LiveLineProblem(.unknownType, "expected \"type\" to be quote, trade, bar or alt", column: typeField.column)
        }
        let time = try fields.time("time") ?? receivedAt
        switch kind {
        case .quote:
            let instrument = try instrument(fields, required: true)!
            let bid = try fields.price("bid", precision: instrument.pricePrecision)
            let ask = try fields.price("ask", precision: instrument.pricePrecision)
            return LiveLine(kind: kind, message: .quote(Quote(
                symbol: instrument.id, bidPrice: bid, askPrice: ask, bidSize: try fields.size("bid_size"),
                askSize: try fields.size("ask_size"), exchangeTime: time)))
        case .trade:
            let instrument = try instrument(fields, required: true)!
            guard let sideField = fields["side"] else { throw LiveLineProblem(.missingField, "expected \"side\": buy or sell", column: line.count) }
            let side: Side
            switch fields.text(sideField) {
            case "buy": side = .buy
            case "sell": side = .sell
            default: throw LiveLineProblem(.badValue, "expected \"side\" to be buy or sell", column: sideField.column)
            }
            return LiveLine(kind: kind, message: .trade(Trade(
                symbol: instrument.id, price: try fields.price("price", precision: instrument.pricePrecision),
                size: try fields.size("size"), aggressor: side, exchangeTime: time)))
        case .bar:
            let instrument = try instrument(fields, required: true)!
            let precision = instrument.pricePrecision
            guard let start = try fields.time("start") else { throw LiveLineProblem(.missingField, "expected \"start\": the bar's start time", column: line.count) }
            guard let period = try fields.duration("period"), period > 0 else {
                throw LiveLineProblem(.missingField, "expected \"period\": a positive duration such as \"1m\" or nanoseconds", column: line.count)
            }
            return LiveLine(kind: kind, message: .bar(Bar(
                symbol: instrument.id, open: try fields.price("open", precision: precision), high: try fields.price("high", precision: precision),
                low: try fields.price("low", precision: precision), close: try fields.price("close", precision: precision),
                volume: try fields.size("volume"), periodStart: start, periodNanoseconds: period)))
        case .alt:
            guard let kindField = fields["kind"] else {
                throw LiveLineProblem(.missingField, "expected \"kind\": one of \(AltDatum.Kind.allCases.map(\.description).joined(separator: ", "))", column: line.count)
            }
            let name = fields.text(kindField)
            guard let altKind = AltDatum.Kind.allCases.first(where: { $0.description == name }) else {
                throw LiveLineProblem(.badValue, "expected \"kind\" to be one of \(AltDatum.Kind.allCases.map(\.description).joined(separator: ", "))", column: kindField.column)
            }
            let symbol = try instrument(fields, required: false)?.id ?? AltDatum.marketWide
            return LiveLine(kind: kind, message: .alt(AltDatum(kind: altKind, symbol: symbol, value: try fields.real("value"), exchangeTime: time)))
        }
    }

    /// The line's instrument; for alternative data a missing symbol or `"*"` means market-wide.
    private func instrument(_ fields: LiveLineFields, required: Bool) throws(LiveLineProblem) -> Instrument? {
        guard let field = fields["symbol"] else {
            if required { throw LiveLineProblem(.missingField, "expected \"symbol\"", column: fields.line.count) }
            return nil
        }
        let name = fields.text(field)
        if !required && name == "*" { return nil }
        guard let instrument = instruments[name] else {
            throw LiveLineProblem(.unknownSymbol, "\"\(name)\" is not in the scenario's universe", column: field.column)
        }
        return instrument
    }
}
