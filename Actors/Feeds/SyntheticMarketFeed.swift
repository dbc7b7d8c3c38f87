#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages

/// A synthetic market for many symbols at once: correlated log-returns with sector structure,
/// Merton jumps, and a two-state (calm / stressed) volatility regime; quotes with spreads and
/// sizes for every symbol each interval, and trades.
///
/// Per interval Δt (in trading years), for each symbol i:
///
///     r_i = (μ − σ_t²/2)·Δt + σ_t·√Δt·(L·z)_i + Σ_{k ≤ N_i} J_k
///
/// where z ~ N(0, I), L is the Cholesky factor of the correlation matrix (1 on the diagonal,
/// `sectorCorrelation` within a sector, `marketCorrelation` across sectors), σ_t = σ in the calm
/// regime and σ·`stressedVolatilityMultiplier` in the stressed one, N_i ~ Poisson(λ·Δt) and
/// J_k ~ N(`jumpMean`, `jumpVolatility`²). The regime is one Markov chain for the whole market.
/// Spreads widen with the regime multiplier. A trade follows a quote with probability
/// `tradeProbability`, at the bid or the ask (aggressor side at random).
///
/// Quotes carry their exchange time; they are admitted `latencyNanoseconds` later.
public struct SyntheticMarketFeed: InputSource {
    /// Why a parameter set cannot be simulated.
    public struct InvalidParameters: Error, CustomStringConvertible {
        public var description: String
    }

    private let parameters: Parameters
    private let quoteTopic: TopicID
    private let tradeTopic: TopicID
    private let altTopic: TopicID
    private var random: RandomStream
    /// Alternative data draws come from their own stream: turning them on never changes the noise
    /// of the quotes (only the latent drift they reveal).
    private var altRandom: RandomStream
    private var alpha: [Double]
    private var value: [Double]
    private var flow: [Double]
    /// The market-wide risk appetite m (0 unless `macroStrength` > 0).
    private var riskAppetite = 0.0
    private let valuePersistence: Double?
    /// Lead–lag: each symbol's leader (nil for a sector's first symbol, or without lead–lag), and
    /// the returns of the last `leadLagSteps` intervals, a ring of rows of every symbol's return.
    private let leaders: [Int?]
    private let leadLagSteps: Int
    private var pastReturns: [Double]
    private var pastRow = 0
    /// This interval's returns, written to the ring once every symbol has read its leader's.
    private var stepReturns: [Double]
    private var interestRate = 4.0
    private var stepsSincePublish = 0
    private let alphaPersistence: Double
    private let stepsPerPublish: Int
    private let cholesky: [Double]
    private var logPrices: [Double]
    private let initialLogPrices: [Double]
    /// Share of the distance to the start closed per interval (mean reversion).
    private let meanReversionPerStep: Double
    private var stressed = false
    private var nextTime: Timestamp
    private let endTime: Timestamp
    private var pending: [InputRecord] = []
    private var pendingIndex = 0
    private let stepYears: Double
    /// Jumps per interval on average, and e^−mean: the chance of none, the same every interval
    /// (an `exp` per quote otherwise).
    private let jumpsPerStep: Double
    private let probabilityOfNoJump: Double
    private var shocks: [Double]

    public init(name: String, parameters: Parameters, quoteTopic: TopicID, tradeTopic: TopicID, altTopic: TopicID? = nil, seed: UInt64,
                startTime: Timestamp, endTime: Timestamp) throws {
        guard parameters.intervalNanoseconds > 0, !parameters.initialPrices.isEmpty,
              parameters.sectors.count == parameters.initialPrices.count else {
            throw InvalidParameters(description: "a synthetic feed needs a positive interval and one sector per symbol")
        }
        guard let factor = SyntheticMarketFeed.cholesky(parameters.correlationMatrix, size: parameters.sectors.count) else {
            throw InvalidParameters(description: "sector correlation \(parameters.sectorCorrelation) and market correlation \(parameters.marketCorrelation) do not form a valid correlation matrix (it must be positive definite: keep market ≤ sector < 1)")
        }
        self.parameters = parameters
        self.quoteTopic = quoteTopic
        self.tradeTopic = tradeTopic
        random = RandomStream(rootSeed: seed, streamName: "feed.\(name)")
        altRandom = RandomStream(rootSeed: seed, streamName: "feed.\(name).alt")
        self.altTopic = altTopic ?? tradeTopic
        let count = parameters.sectors.count
        alpha = Array(repeating: 0, count: count)
        value = Array(repeating: 0, count: count)
        flow = Array(repeating: 0, count: count)
        if let alt = parameters.alternativeData {
            for index in 0..<count {
                alpha[index] = altRandom.nextGaussian()
                value[index] = altRandom.nextGaussian()
            }
            alphaPersistence = pow(0.5, Double(parameters.intervalNanoseconds) / Double(max(alt.alphaHalfLifeNanoseconds, 1)))
            stepsPerPublish = max(Int(alt.publishIntervalNanoseconds / parameters.intervalNanoseconds), 1)
            valuePersistence = alt.valueHalfLifeNanoseconds.map { pow(0.5, Double(parameters.intervalNanoseconds) / Double(max($0, 1))) }
            if alt.macroStrength > 0 { riskAppetite = altRandom.nextGaussian() }
        } else {
            alphaPersistence = 0
            stepsPerPublish = 1
            valuePersistence = nil
        }
        if parameters.leadLag != 0 {
            leaders = parameters.sectors.indices.map { index in
                let first = parameters.sectors.firstIndex(of: parameters.sectors[index])!
                return first == index ? nil : first
            }
            leadLagSteps = max(Int(parameters.leadLagDelayNanoseconds / parameters.intervalNanoseconds), 1)
        } else {
            leaders = Array(repeating: nil, count: count)
            leadLagSteps = 0
        }
        pastReturns = Array(repeating: 0, count: leadLagSteps * count)
        stepReturns = Array(repeating: 0, count: count)
        cholesky = factor
        logPrices = parameters.initialPrices.map { log(Double($0)) }
        initialLogPrices = logPrices
        meanReversionPerStep = parameters.meanReversionHalfLifeNanoseconds.map { halfLife in
            1 - pow(0.5, Double(parameters.intervalNanoseconds) / Double(max(halfLife, 1)))
        } ?? 0
        nextTime = startTime &+ parameters.intervalNanoseconds
        self.endTime = endTime
        stepYears = Double(parameters.intervalNanoseconds) / 1e9 / GBMQuoteFeed.secondsPerTradingYear
        jumpsPerStep = parameters.jumpIntensity * stepYears
        probabilityOfNoJump = exp(-jumpsPerStep)
        shocks = Array(repeating: 0, count: parameters.sectors.count)
    }

    public mutating func next() -> InputRecord? {
        if pendingIndex == pending.count {
            guard nextTime &+ parameters.latencyNanoseconds <= endTime else { return nil }
            step()
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    /// One interval: the regime, every symbol's return, then its quote (and maybe a trade).
    private mutating func step() {
        pending.removeAll(keepingCapacity: true)
        pendingIndex = 0
        let multiplier = advanceRegime()
        let sigma = parameters.volatility * multiplier
        let count = logPrices.count
        for index in 0..<count { shocks[index] = random.nextGaussian() }
        let local = nextTime &+ parameters.latencyNanoseconds
        for symbol in 0..<count {
            let logReturn = nextLogReturn(symbol, sigma: sigma)
            logPrices[symbol] += logReturn
            if leadLagSteps > 0 { stepReturns[symbol] = logReturn }
            appendQuoteAndTrade(symbol, regimeMultiplier: multiplier, local: local)
        }
        if leadLagSteps > 0 {
            for symbol in 0..<count { pastReturns[pastRow * count + symbol] = stepReturns[symbol] }
            pastRow = (pastRow + 1) % leadLagSteps
        }
        if let alt = parameters.alternativeData { stepAlternativeData(alt, local: local, regimeMultiplier: multiplier) }
        nextTime &+= parameters.intervalNanoseconds
    }

    /// The regime's Markov step, then this interval's volatility multiplier (the regime's times
    /// the scripted events'); sentiment events shift the alphas they name.
    private mutating func advanceRegime() -> Double {
        if stressed {
            if random.nextBernoulli(parameters.recoveryProbability) { stressed = false }
        } else if random.nextBernoulli(parameters.stressProbability) {
            stressed = true
        }
        var multiplier = stressed ? parameters.stressedVolatilityMultiplier : 1
        for event in parameters.events { multiplier *= event.volatilityMultiplier(at: nextTime) }
        if parameters.alternativeData != nil {
            for event in parameters.events {
                if case .sentiment(let at, let sector, let shift) = event, at > nextTime &- parameters.intervalNanoseconds, at <= nextTime {
                    for index in alpha.indices where sector.map({ $0 == parameters.sectors[index] }) ?? true { alpha[index] += shift }
                }
            }
        }
        return multiplier
    }

    /// The symbol's log-return over this interval: drift (with the latent factors'), the
    /// correlated shock, its leader's earlier return, jumps, events and mean reversion.
    private mutating func nextLogReturn(_ symbol: Int, sigma: Double) -> Double {
        let count = logPrices.count
        var correlated = 0.0
        for column in 0...symbol { correlated += cholesky[symbol * count + column] * shocks[column] }
        var drift = parameters.drift
        if let alt = parameters.alternativeData {
            drift += alt.alphaStrength * alpha[symbol] + alt.valueStrength * value[symbol] + alt.macroStrength * riskAppetite
        }
        var logReturn = (drift - 0.5 * sigma * sigma) * stepYears + sigma * stepYears.squareRoot() * correlated
        if let leader = leaders[symbol] { logReturn += parameters.leadLag * pastReturns[pastRow * count + leader] }
        let jumps = poissonJumps()
        for _ in 0..<jumps { logReturn += parameters.jumpMean + parameters.jumpVolatility * random.nextGaussian() }
        for event in parameters.events {
            logReturn += event.logReturn(sector: parameters.sectors[symbol], at: nextTime, intervalNanoseconds: parameters.intervalNanoseconds)
        }
        if parameters.meanReversionHalfLifeNanoseconds != nil {
            logReturn -= meanReversionPerStep * (logPrices[symbol] - initialLogPrices[symbol])
        }
        return logReturn
    }

    /// The symbol's quote at its new price (spread widened by the regime, sizes leaning with
    /// informed flow), and maybe a trade at the bid or the ask.
    private mutating func appendQuoteAndTrade(_ symbol: Int, regimeMultiplier multiplier: Double, local: Timestamp) {
        let spread = max(Int64((Double(parameters.spreadTicks) * multiplier).rounded()), 1)
        let mid = max(GBMQuoteFeed.price(fromLog: logPrices[symbol], initialPrice: parameters.initialPrices[symbol]), spread + 1)
        let bid = mid - spread / 2
        let ask = bid + spread
        var bidSize = 1 + Int64(random.next(below: UInt64(parameters.maximumSize)))
        var askSize = 1 + Int64(random.next(below: UInt64(parameters.maximumSize)))
        let lean = informedLean(symbol)
        if lean != 0 {
            bidSize = max(Int64((Double(bidSize) * (1 + lean)).rounded()), 1)
            askSize = max(Int64((Double(askSize) * (1 - lean)).rounded()), 1)
        }
        let quote = Quote(symbol: SymbolID(symbol), bidPrice: bid, askPrice: ask, bidSize: bidSize, askSize: askSize, exchangeTime: nextTime)
        pending.append(InputRecord(time: local, topic: quoteTopic, message: .quote(quote)))
        if parameters.tradeProbability > 0, random.nextBernoulli(parameters.tradeProbability) {
            let buy = random.nextBernoulli(0.5 + 0.5 * lean)
            let trade = Trade(symbol: SymbolID(symbol), price: buy ? ask : bid,
                              size: 1 + Int64(random.next(below: UInt64(parameters.maximumSize))),
                              aggressor: buy ? .buy : .sell, exchangeTime: nextTime)
            pending.append(InputRecord(time: local, topic: tradeTopic, message: .trade(trade)))
        }
    }

    /// tilt·tanh(a_i): how far informed order flow leans the symbol's book and tape (0 without).
    private func informedLean(_ symbol: Int) -> Double {
        guard let tilt = parameters.alternativeData?.orderFlowTilt, tilt != 0 else { return 0 }
        return tilt * tanh(alpha[symbol])
    }

    /// Evolves the latent alphas and, every publish interval, emits the alternative data.
    private mutating func stepAlternativeData(_ alt: Parameters.AlternativeData, local: Timestamp, regimeMultiplier: Double) {
        let innovation = (1 - alphaPersistence * alphaPersistence).squareRoot()
        for index in alpha.indices { alpha[index] = alphaPersistence * alpha[index] + innovation * altRandom.nextGaussian() }
        if alt.macroStrength > 0 { riskAppetite = alphaPersistence * riskAppetite + innovation * altRandom.nextGaussian() }
        if let persistence = valuePersistence {
            let valueInnovation = (1 - persistence * persistence).squareRoot()
            for index in value.indices { value[index] = persistence * value[index] + valueInnovation * altRandom.nextGaussian() }
        }
        stepsSincePublish += 1
        guard stepsSincePublish >= stepsPerPublish else { return }
        stepsSincePublish = 0
        func emit(_ kind: AltDatum.Kind, _ symbol: SymbolID, _ value: Double) {
            pending.append(InputRecord(time: local, topic: altTopic,
                                       message: .alt(AltDatum(kind: kind, symbol: symbol, value: value, exchangeTime: nextTime))))
        }
        let volatilityIndex = 15 * regimeMultiplier * exp(0.1 * altRandom.nextGaussian() - 0.25 * riskAppetite)
        emit(.volatilityIndex, AltDatum.marketWide, volatilityIndex)
        emit(.creditSpread, AltDatum.marketWide, 1.0 + 0.05 * (volatilityIndex - 15) + 0.05 * altRandom.nextGaussian())
        interestRate += 0.002 * altRandom.nextGaussian()
        emit(.interestRate, AltDatum.marketWide, interestRate)
        for index in alpha.indices {
            let symbol = SymbolID(index)
            emit(.sentiment, symbol, alpha[index] + alt.sentimentNoise * altRandom.nextGaussian())
            flow[index] = 0.5 * flow[index] + 0.5 * alpha[index] + alt.flowNoise * altRandom.nextGaussian()
            emit(.fundFlow, symbol, flow[index])
            if altRandom.nextBernoulli(min(alt.insiderProbability * (1 + abs(alpha[index])), 1)) {
                emit(.insiderFiling, symbol, alpha[index] + altRandom.nextGaussian() >= 0 ? 1 : -1)
            }
            emit(.earningsYield, symbol, 0.05 + 0.02 * value[index] + 0.005 * altRandom.nextGaussian())
            emit(.bookToPrice, symbol, 0.5 + 0.2 * value[index] + 0.05 * altRandom.nextGaussian())
        }
    }

    /// Jumps in one interval: a Poisson draw of mean ``jumpsPerStep`` by inversion (the mean is
    /// tiny: λ·Δt ≪ 1).
    private mutating func poissonJumps() -> Int {
        let mean = jumpsPerStep
        guard mean > 0 else { return 0 }
        var count = 0
        var probability = probabilityOfNoJump
        var cumulative = probability
        let uniform = random.nextDouble()
        while uniform > cumulative && count < 100 {
            count += 1
            probability *= mean / Double(count)
            cumulative += probability
        }
        return count
    }
}
