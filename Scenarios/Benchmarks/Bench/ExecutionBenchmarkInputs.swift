import Kernel
import Messages

/// The execution benchmark's inputs, generated as they are read: each second a quote per symbol,
/// then (100 ms later) a forecast per symbol with μ = ±0.1 %, flipping sign every round.
struct ExecutionBenchmarkInputs: InputSource {
    let rounds: Int
    let quotes: TopicID
    let forecasts: TopicID
    private var index = 0

    init(rounds: Int, quotes: TopicID, forecasts: TopicID) {
        self.rounds = rounds
        self.quotes = quotes
        self.forecasts = forecasts
    }

    mutating func next() throws -> InputRecord? {
        guard index < rounds * 8 else { return nil }
        defer { index += 1 }
        let round = index / 8
        let symbol = SymbolID(index % 4)
        let time = UInt64(round) * 1_000_000_000
        if index % 8 < 4 {
            let mid = Int64(10_000 + round % 5)
            return InputRecord(time: time, topic: quotes, message: .quote(Quote(symbol: symbol, bidPrice: mid - 1, askPrice: mid + 1,
                                                                              bidSize: 1_000, askSize: 1_000, exchangeTime: time)))
        }
        let forecast = Forecast(mu: round % 2 == 0 ? 0.001 : -0.001, sigma: 0.01, horizonNanoseconds: 60_000_000_000, traceID: 0,
                                shares: AgentShares(low: 0, high: 0), symbol: symbol, regime: 0)
        return InputRecord(time: time + 100_000_000, topic: forecasts, message: .forecast(forecast))
    }
}
