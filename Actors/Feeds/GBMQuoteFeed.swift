#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages

/// Synthetic quotes: each symbol's mid price follows a geometric Brownian motion
/// dS/S = μ dt + σ dW, sampled every `intervalNanoseconds`; the quote straddles the mid with a
/// spread of `spreadTicks` price units and random displayed sizes.
///
/// A feed is an ``InputSource``: its quotes are inputs, journaled at admission, so a replay
/// reproduces them from the log without running the generator. Its random stream is
/// `feed.<name>`, independent of every actor's.
public struct GBMQuoteFeed: InputSource {
    public struct Parameters: Sendable, Equatable {
        public var intervalNanoseconds: DurationNanoseconds
        /// Annualized drift μ.
        public var drift: Double
        /// Annualized volatility σ.
        public var volatility: Double
        /// Initial mid prices, one per symbol, in each symbol's price units.
        public var initialPrices: [Int64]
        public var spreadTicks: Int64
        /// Displayed size is uniform in 1...maximumSize lots.
        public var maximumSize: Int64
        /// Feed latency: a quote stamped `exchangeTime` at the venue reaches us this much later
        /// (its local time, when the kernel admits it).
        public var latencyNanoseconds: DurationNanoseconds

        public init(intervalNanoseconds: DurationNanoseconds, drift: Double, volatility: Double,
                    initialPrices: [Int64], spreadTicks: Int64, maximumSize: Int64, latencyNanoseconds: DurationNanoseconds = 0) {
            self.latencyNanoseconds = latencyNanoseconds
            self.intervalNanoseconds = intervalNanoseconds
            self.drift = drift
            self.volatility = volatility
            self.initialPrices = initialPrices
            self.spreadTicks = spreadTicks
            self.maximumSize = maximumSize
        }
    }

    /// Seconds in a trading year (252 days × 6.5 h), the unit μ and σ are annualized in.
    public static let secondsPerTradingYear = 252.0 * 6.5 * 3600.0

    /// A simulated price is held at this multiple of its initial price at most: a random walk has
    /// no ceiling, a 64-bit price has (docs/scenarios.md bounds the initial price to match).
    public static let maximumPriceGrowth = 1_000.0

    /// `exp(logPrice)` rounded to a price, held at ``maximumPriceGrowth`` × `initialPrice` (and at
    /// that ceiling for a NaN); below it, exactly the rounding the feeds always did.
    public static func price(fromLog logPrice: Double, initialPrice: Int64) -> Int64 {
        let ceiling = min(Double(initialPrice) * maximumPriceGrowth, 9e18)
        let price = exp(logPrice)
        return Int64(price < ceiling ? price.rounded() : ceiling)
    }

    private let parameters: Parameters
    private let topic: TopicID
    private var random: RandomStream
    private var logPrices: [Double]
    private var nextTime: Timestamp
    private let endTime: Timestamp
    private var symbolCursor = 0
    private let stepDrift: Double
    private let stepVolatility: Double

    public init(name: String, parameters: Parameters, topic: TopicID, seed: UInt64, startTime: Timestamp, endTime: Timestamp) {
        precondition(parameters.intervalNanoseconds > 0, "interval must be positive")
        precondition(!parameters.initialPrices.isEmpty, "a feed needs at least one symbol")
        self.parameters = parameters
        self.topic = topic
        random = RandomStream(rootSeed: seed, streamName: "feed.\(name)")
        logPrices = parameters.initialPrices.map { log(Double($0)) }
        nextTime = startTime &+ parameters.intervalNanoseconds
        self.endTime = endTime
        let stepYears = Double(parameters.intervalNanoseconds) / 1e9 / GBMQuoteFeed.secondsPerTradingYear
        stepDrift = (parameters.drift - 0.5 * parameters.volatility * parameters.volatility) * stepYears
        stepVolatility = parameters.volatility * stepYears.squareRoot()
    }

    /// One quote per symbol per interval, symbols in universe order.
    public mutating func next() -> InputRecord? {
        guard nextTime &+ parameters.latencyNanoseconds <= endTime else { return nil }
        let symbol = symbolCursor
        logPrices[symbol] += stepDrift + stepVolatility * random.nextGaussian()
        let mid = max(GBMQuoteFeed.price(fromLog: logPrices[symbol], initialPrice: parameters.initialPrices[symbol]), parameters.spreadTicks + 1)
        let halfSpread = max(parameters.spreadTicks / 2, 1)
        let quote = Quote(
            symbol: SymbolID(symbol), bidPrice: mid - halfSpread, askPrice: mid + halfSpread,
            bidSize: 1 + Int64(random.next(below: UInt64(parameters.maximumSize))),
            askSize: 1 + Int64(random.next(below: UInt64(parameters.maximumSize))),
            exchangeTime: nextTime)
        let record = InputRecord(time: nextTime &+ parameters.latencyNanoseconds, topic: topic, message: .quote(quote))
        symbolCursor += 1
        if symbolCursor == logPrices.count {
            symbolCursor = 0
            nextTime &+= parameters.intervalNanoseconds
        }
        return record
    }
}
