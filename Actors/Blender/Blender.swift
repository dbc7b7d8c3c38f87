#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DequeModule
import Kernel
import Messages

/// Blends the agents' signals into one calibrated forecast per symbol.
///
/// - **Precision weighting.** For the agents with a signal younger than the horizon and μ ≠ 0
///   (μ = 0 is an agent with nothing to say yet: silent): πₐ = wₐ / σₐ², shares sₐ = πₐ / Σπ,
///   μ = Σ sₐ μₐ, and σ² = Σ sₐ σₐ² + Σ sₐ (μₐ − μ)² — the variance of the mixture of the agents'
///   Gaussians. The agents forecast the same return, so their errors share its unpredictable part
///   and are far from independent: Σ sₐ² σₐ² (independent errors) made the blend overconfident.
/// - **Regime-conditional weights.** A volatility-state detector (short vs long EWMA of squared
///   mid returns over the whole universe; ratio above `stressRatio` = regime 2, else 1) selects
///   one of two weight vectors, both starting from the configured weights.
/// - **Online reweighting.** Every `evaluationInterval`, each symbol's current signals and blend
///   are snapshotted; one horizon later they are scored against the realized log return with the
///   Gaussian log score, and the weights of the regime they were made in take a Hedge step over
///   the agents that had spoken (``SleepingExperts``): an agent that abstained keeps its weight,
///   and every agent with a prior weight stays at or above `weightFloor`.
/// - **Recalibration.** The raw blend's scored forecasts train a ``QuantileRecalibrator`` per
///   regime; every forecast published is the raw blend through its regime's current map, its σ
///   then scaled by a ``CoverageCorrector`` trained on the mapped forecasts' scored |z|.
///   ``rawCalibration`` measures the raw blend, ``calibration`` the published one.
public actor Blender: Component {
    public struct Parameters: Sendable, Equatable {
        /// Prior weight per agent id (1…12); agents not listed get 0.
        public var priorWeights: [UInt16: Double]
        public var horizonNanoseconds: DurationNanoseconds
        public var evaluationIntervalNanoseconds: DurationNanoseconds
        public var learningRate: Double
        public var stressRatio: Double
        /// The least weight an agent with a prior weight keeps (capped at 1 / the number of such agents).
        public var weightFloor: Double

        public init(priorWeights: [UInt16: Double], horizonNanoseconds: DurationNanoseconds = 1_800_000_000_000,
                    evaluationIntervalNanoseconds: DurationNanoseconds = 60_000_000_000, learningRate: Double = 0.05,
                    stressRatio: Double = 1.5, weightFloor: Double = Blender.defaultWeightFloor) {
            self.priorWeights = priorWeights
            self.horizonNanoseconds = horizonNanoseconds
            self.evaluationIntervalNanoseconds = evaluationIntervalNanoseconds
            self.learningRate = learningRate
            self.stressRatio = stressRatio
            self.weightFloor = weightFloor
        }
    }

    struct Latest: Sendable {
        var mu = 0.0
        var sigma = 0.0
        var time: Timestamp = 0
        var present = false
    }

    struct Snapshot: Sendable {
        var time: Timestamp
        var symbol: Int
        var regime: Int
        var logMid: Double
        var agentMu: [Double]
        var agentSigma: [Double]
        var agentPresent: [Bool]
        /// The raw blend, its σ through the quantile map (before the coverage correction), and
        /// the recalibrated forecast that was published.
        var rawMu: Double
        var rawSigma: Double
        var mappedSigma: Double
        var mu: Double
        var sigma: Double
    }

    public static let agentSlots = AgentShares.slots
    public static let defaultWeightFloor = 0.01
    /// A round's loss of an agent, relative to the best agent that spoke, is capped here (the log
    /// score of a 5σ miss), so one wild miss costs a weight at most a factor exp(−η · 12.5).
    public static let maximumLoss = 12.5

    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    private let parameters: Parameters
    /// weights[regime − 1][agent id − 1]
    @exclusivity(unchecked) public private(set) var weights: [[Double]]
    @exclusivity(unchecked) private var latest: [[Latest]]
    @exclusivity(unchecked) private var logMids: [Double?]
    @exclusivity(unchecked) private var pending: Deque<Snapshot> = []
    @exclusivity(unchecked) private var shortVariance = 0.0
    @exclusivity(unchecked) private var longVariance = 0.0
    @exclusivity(unchecked) private var varianceObservations = 0
    /// The published (recalibrated) forecasts' calibration, and the raw blend's.
    @exclusivity(unchecked) public private(set) var calibration = CalibrationTracker()
    @exclusivity(unchecked) public private(set) var rawCalibration = CalibrationTracker()
    @exclusivity(unchecked) public private(set) var recalibrator = QuantileRecalibrator()
    @exclusivity(unchecked) public private(set) var coverageCorrector = CoverageCorrector()
    @exclusivity(unchecked) private var roundLosses = [Double](repeating: 0, count: Blender.agentSlots)
    @exclusivity(unchecked) private var roundAwake = [Bool](repeating: false, count: Blender.agentSlots)
    @exclusivity(unchecked) public private(set) var forecastsEmitted = 0
    private let forecastsTopic: TopicID

    public init(context: Context, parameters: Parameters, symbolCount: Int) {
        self.context = context
        self.parameters = parameters
        var prior = [Double](repeating: 0, count: Blender.agentSlots)
        for id in parameters.priorWeights.keys.sorted() where id >= 1 && Int(id) <= Blender.agentSlots {
            prior[Int(id) - 1] = max(parameters.priorWeights[id] ?? 0, 0)
        }
        let total = prior.reduce(0, +)
        if total > 0 { prior = prior.map { $0 / total } }
        SleepingExperts.applyFloor(&prior, floor: parameters.weightFloor)
        weights = [prior, prior]
        latest = Array(repeating: Array(repeating: Latest(), count: Blender.agentSlots), count: symbolCount)
        logMids = Array(repeating: nil, count: symbolCount)
        forecastsTopic = context.topic(Topics.forecasts, publishedAs: .blender)
    }

    public func start() {
        context.subscribe(as: .blender)
        context.schedule(after: parameters.evaluationIntervalNanoseconds)
    }

    /// 1 normal, 2 stressed (short-term variance well above the long-term one).
    public var regime: Int { longVariance > 0 && shortVariance > parameters.stressRatio * longVariance ? 2 : 1 }

    public func receive(_ delivery: Delivery) {
        switch delivery.message {
        case .quote(let quote):
            let index = Int(quote.symbol)
            guard index < logMids.count, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return }
            let logMid = context.logMid(of: quote)
            if let previous = logMids[index] {
                let squared = (logMid - previous) * (logMid - previous)
                if varianceObservations == 0 {
                    // Start both averages at the first observation: from zero, the fast one
                    // would outrun the slow one and call a stress that is not there.
                    shortVariance = squared
                    longVariance = squared
                } else {
                    shortVariance += 0.05 * (squared - shortVariance)
                    longVariance += 0.002 * (squared - longVariance)
                }
                varianceObservations += 1
            }
            logMids[index] = logMid
        case .signal(let signal):
            let index = Int(signal.symbol)
            let slot = Int(signal.agentID) - 1
            guard index < latest.count, slot >= 0, slot < Blender.agentSlots, signal.mu.isFinite, signal.sigma.isFinite, signal.sigma > 0
            else { return }
            // μ = 0 is an agent that has nothing to say yet (a feature agent before its regression
            // has learned, docs/agents.md): it is silent, as in the PnL attribution, so it
            // neither enters the blend nor is scored, and its prior σ does not train the map.
            latest[index][slot] = Latest(mu: signal.mu, sigma: signal.sigma, time: delivery.time, present: signal.mu != 0)
            if let raw = blend(symbol: index, time: delivery.time, trace: signal.traceID) {
                let forecast = recalibrated(raw)
                forecastsEmitted += 1
                context.publish(forecastsTopic, .forecast(forecast))
            }
        case .timer:
            evaluate(now: delivery.time)
            context.schedule(after: parameters.evaluationIntervalNanoseconds)
        default:
            break
        }
    }

    /// The forecast through the current map of the regime it was made in (μ′, σ′).
    func mapped(_ raw: Forecast) -> Forecast {
        let map = recalibrator.map(regime: Int(raw.regime))
        var forecast = raw
        forecast.mu = raw.mu + raw.sigma * map.shift
        forecast.sigma = raw.sigma * map.scale
        return forecast
    }

    /// The forecast as published: mapped, then σ′ scaled by the coverage correction.
    func recalibrated(_ raw: Forecast) -> Forecast {
        var forecast = mapped(raw)
        forecast.sigma *= coverageCorrector.scale
        return forecast
    }

    /// The current raw blend for a symbol, or nil without a fresh, weighted signal.
    func blend(symbol index: Int, time: Timestamp, trace: UInt64) -> Forecast? {
        // On the stack: a blend runs for every signal, and an array here was one heap allocation
        // per signal (the handler.blender benchmark counts them).
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Blender.agentSlots) { buffer in
            buffer.initialize(repeating: 0)
            return blend(symbol: index, time: time, trace: trace, precision: buffer)
        }
    }

    private func blend(symbol index: Int, time: Timestamp, trace: UInt64, precision: UnsafeMutableBufferPointer<Double>) -> Forecast? {
        let weightVector = weights[regime - 1]
        var total = 0.0
        for slot in 0..<Blender.agentSlots {
            let entry = latest[index][slot]
            guard entry.present, time &- entry.time <= parameters.horizonNanoseconds, weightVector[slot] > 0 else { continue }
            precision[slot] = weightVector[slot] / (entry.sigma * entry.sigma)
            total += precision[slot]
        }
        guard total > 0 else { return nil }
        var mu = 0.0
        for slot in 0..<Blender.agentSlots where precision[slot] > 0 { mu += precision[slot] / total * latest[index][slot].mu }
        var variance = 0.0
        var shares = AgentShares()
        for slot in 0..<Blender.agentSlots where precision[slot] > 0 {
            let share = precision[slot] / total
            let entry = latest[index][slot]
            variance += share * entry.sigma * entry.sigma + share * (entry.mu - mu) * (entry.mu - mu)
            shares[UInt16(slot + 1)] = share
        }
        return Forecast(mu: mu, sigma: variance.squareRoot(), horizonNanoseconds: parameters.horizonNanoseconds, traceID: trace,
                        shares: shares, symbol: SymbolID(index), regime: UInt8(regime))
    }

    /// Scores the snapshots a horizon old, reweights and refits, then snapshots the present.
    private func evaluate(now: Timestamp) {
        while let oldest = pending.first, now &- oldest.time >= parameters.horizonNanoseconds {
            pending.removeFirst()
            guard let logMid = logMids[oldest.symbol] else { continue }
            let realized = logMid - oldest.logMid
            rawCalibration.add(mu: oldest.rawMu, sigma: oldest.rawSigma, realized: realized)
            calibration.add(mu: oldest.mu, sigma: oldest.sigma, realized: realized)
            coverageCorrector.record(mu: oldest.mu, sigma: oldest.mappedSigma, realized: realized)
            if oldest.rawSigma > 0 {
                recalibrator.record(pit: StandardNormal.cdf((realized - oldest.rawMu) / oldest.rawSigma), regime: oldest.regime)
            }
            reweight(oldest, realized: realized)
        }
        recalibrator.refit()
        for index in latest.indices {
            guard let logMid = logMids[index], let raw = blend(symbol: index, time: now, trace: 0) else { continue }
            let map = mapped(raw)
            var forecast = map
            forecast.sigma *= coverageCorrector.scale
            var agentMu = [Double](repeating: 0, count: Blender.agentSlots)
            var agentSigma = [Double](repeating: 1, count: Blender.agentSlots)
            var present = [Bool](repeating: false, count: Blender.agentSlots)
            for slot in 0..<Blender.agentSlots {
                let entry = latest[index][slot]
                if entry.present && now &- entry.time <= parameters.horizonNanoseconds {
                    agentMu[slot] = entry.mu
                    agentSigma[slot] = entry.sigma
                    present[slot] = true
                }
            }
            pending.append(Snapshot(time: now, symbol: index, regime: Int(raw.regime), logMid: logMid, agentMu: agentMu,
                                    agentSigma: agentSigma, agentPresent: present, rawMu: raw.mu, rawSigma: raw.sigma,
                                    mappedSigma: map.sigma, mu: forecast.mu, sigma: forecast.sigma))
        }
    }

    /// One Hedge round over the agents that had spoken in the snapshot, scored by the log score.
    private func reweight(_ snapshot: Snapshot, realized: Double) {
        for slot in 0..<Blender.agentSlots {
            roundAwake[slot] = snapshot.agentPresent[slot]
            roundLosses[slot] = snapshot.agentPresent[slot]
                ? SleepingExperts.logScore(realized: realized, mu: snapshot.agentMu[slot], sigma: snapshot.agentSigma[slot]) : 0
        }
        SleepingExperts.update(&weights[snapshot.regime - 1], losses: roundLosses, awake: roundAwake,
                               learningRate: parameters.learningRate, maximumLoss: Blender.maximumLoss)
        SleepingExperts.applyFloor(&weights[snapshot.regime - 1], floor: parameters.weightFloor)
    }
}
