import Kernel
import Messages

/// What ``HandlerBenchmark`` feeds one actor, generated as read (nothing allocated per input).
///
/// Every round (250 ms apart) a quote per symbol on a deterministic random walk, a trade per
/// symbol every fourth round, then 1 ms later the subject's own input per symbol: signals from
/// three agents (blender), a forecast (selector, sizer), an intent (gate), an approved intent
/// (router), a market order (broker) or a fill (portfolio). Quantities and signs flip every eight
/// rounds, so positions go back and forth and every actor keeps deciding.
struct HandlerBenchmarkInputs: InputSource {
    static let symbolCount = 4
    static let roundNanoseconds: UInt64 = 250_000_000

    let subject: HandlerBenchmark.Subject
    let rounds: Int
    let topics: HandlerBenchmark.TopicSet
    private var round = 0
    private var step = 0
    private var walk: [Int64] = Array(repeating: 0, count: HandlerBenchmarkInputs.symbolCount)
    private var state: UInt64 = 0x2545_F491_4F6C_DD1D
    private var serial: UInt64 = 0

    init(subject: HandlerBenchmark.Subject, rounds: Int, topics: HandlerBenchmark.TopicSet) {
        self.subject = subject
        self.rounds = rounds
        self.topics = topics
    }

    /// Steps of a round: quotes, trades (every fourth round), then the subject's inputs.
    private var extrasPerSymbol: Int { subject == .blender ? 3 : subject == .feedGuard || subject == .agent ? 0 : 1 }

    mutating func next() throws -> InputRecord? {
        let symbols = HandlerBenchmarkInputs.symbolCount
        while round < rounds {
            let time = UInt64(round) * HandlerBenchmarkInputs.roundNanoseconds
            let trades = round % 4 == 0 ? symbols : 0
            let extras = symbols * extrasPerSymbol
            if step < symbols {
                defer { step += 1 }
                return quote(symbol: step, time: time)
            }
            if step < symbols + trades {
                defer { step += 1 }
                let symbol = step - symbols
                let mid = 10_000 + Int64(symbol) * 100 + walk[symbol]
                let trade = Trade(symbol: SymbolID(symbol), price: mid + 1, size: 10, aggressor: round % 2 == 0 ? .buy : .sell, exchangeTime: time)
                return InputRecord(time: time, topic: subject == .feedGuard ? topics.rawTrades : topics.trades, message: .trade(trade))
            }
            if step < symbols + trades + extras {
                defer { step += 1 }
                let index = step - symbols - trades
                return extra(symbol: index / extrasPerSymbol, variant: index % extrasPerSymbol, time: time + 1_000_000)
            }
            step = 0
            round += 1
        }
        return nil
    }

    private mutating func quote(symbol: Int, time: Timestamp) -> InputRecord {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        walk[symbol] += Int64(state >> 62) - 1  // −1, 0, +1 or +2 ticks
        let mid = 10_000 + Int64(symbol) * 100 + walk[symbol]
        let quote = Quote(symbol: SymbolID(symbol), bidPrice: mid - 1, askPrice: mid + 1, bidSize: 500, askSize: 500, exchangeTime: time)
        return InputRecord(time: time, topic: subject == .feedGuard ? topics.rawQuotes : topics.quotes, message: .quote(quote))
    }

    private mutating func extra(symbol: Int, variant: Int, time: Timestamp) -> InputRecord {
        serial += 1
        let id = SymbolID(symbol)
        let sign: Double = (round / 8) % 2 == 0 ? 1 : -1
        let trace = serial
        switch subject {
        case .blender:
            let signal = Signal(symbol: id, mu: sign * 0.001 * Double(variant + 1), sigma: 0.01, horizonNanoseconds: 60_000_000_000,
                                confidence: 0.6, regime: 0, agentID: UInt16(variant + 1), modelVersion: 1, traceID: trace)
            return InputRecord(time: time, topic: topics.signals, message: .signal(signal))
        case .selector, .sizer:
            let forecast = Forecast(mu: sign * 0.001 * Double(symbol + 1), sigma: 0.01, horizonNanoseconds: 60_000_000_000, traceID: trace,
                                    shares: AgentShares(), symbol: id, regime: 0)
            return InputRecord(time: time, topic: topics.forecasts, message: .forecast(forecast))
        case .gate, .router:
            let target = Int64(sign) * 3
            let intent = Intent(symbol: id, targetQuantity: target, quantity: round % 8 == 0 ? 2 * target : 0,
                                referencePrice: 10_000 + Int64(symbol) * 100 + walk[symbol], kellyWeight: 0, cappedWeight: 0,
                                drawdownScale: 1, cvarScale: 1, traceID: trace)
            return InputRecord(time: time, topic: subject == .gate ? topics.intents : topics.approvedIntents, message: .intent(intent))
        case .broker:
            let order = Order(orderID: serial, symbol: id, side: sign > 0 ? .buy : .sell, quantity: 1, limitPrice: 0, traceID: trace)
            return InputRecord(time: time, topic: topics.orders, message: .order(order))
        case .portfolio:
            let price = 10_000 + Int64(symbol) * 100 + walk[symbol]
            let fill = Fill(orderID: serial, symbol: id, side: sign > 0 ? .buy : .sell, quantity: 1, price: price, feeMinorUnits: 1,
                            isFinal: true, traceID: trace, fillID: serial)
            return InputRecord(time: time, topic: topics.fills, message: .fill(fill))
        case .feedGuard, .agent:
            preconditionFailure("no extra inputs for \(subject)")
        }
    }
}
