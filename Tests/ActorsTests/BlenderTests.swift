import Foundation
import Actors
import Kernel
import Messages
import Testing

@Suite struct BlenderTests {
    /// Publishes, on every quote, a bullish signal as agent 1 and a bearish one as agent 2.
    actor TwoAgents: Component {
        nonisolated let context: Context
        nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
        init(context: Context) { self.context = context }
        func start() { context.subscribe(context.topic(Topics.quotes)) }
        func receive(_ delivery: Delivery) {
            guard case .quote(let quote) = delivery.message else { return }
            let signals = context.topic(Topics.signals)
            for (agent, mu) in [(UInt16(1), 0.002), (UInt16(2), -0.002)] {
                context.publish(signals, .signal(Signal(symbol: quote.symbol, mu: mu, sigma: 0.002, horizonNanoseconds: 600_000_000_000,
                                                        confidence: 0.5, regime: 0, agentID: agent, modelVersion: 1, traceID: delivery.sequence)))
            }
        }
    }

    @Test func weightsMoveTowardTheAgentThatPredictedBetter() throws {
        let minute: UInt64 = 60_000_000_000
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: 300 * minute))
        let quotes = kernel.topic(named: Topics.quotes)
        var blender: Blender?
        kernel.spawn("agents") { TwoAgents(context: $0) }
        kernel.spawn("blender") { context in
            let made = Blender(context: context, parameters: Blender.Parameters(priorWeights: [1: 0.5, 2: 0.5], horizonNanoseconds: 10 * minute,
                                                                                evaluationIntervalNanoseconds: minute, learningRate: 0.1),
                               symbolCount: 1)
            blender = made
            return made
        }
        let sink = MessageSink()
        kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.forecasts], sink: sink) }
        // A steady uptrend: +0.02 % a minute, so +0.2 % over the 10-minute horizon (agent 1 is right).
        try kernel.addInput(ArrayInputSource((1...299).map { minuteIndex in
            let mid = Int64((1_000_000 * exp(0.0002 * Double(minuteIndex))).rounded())
            return InputRecord(time: UInt64(minuteIndex) * minute, topic: quotes,
                               message: .quote(Quote(symbol: 0, bidPrice: mid - 1, askPrice: mid + 1, bidSize: 1, askSize: 1,
                                                     exchangeTime: UInt64(minuteIndex) * minute)))
        }))
        _ = try kernel.run()
        let weights = try #require(blender).assumeIsolated { $0.weights[0] }
        #expect(weights[0] > 0.9, "agent 1 predicted the trend: weight \(weights[0])")
        #expect(abs(weights[0] + weights[1] - 1) < 1e-9)
        // The first forecast has agent 1 alone; the second blends two equal-precision agents:
        // μ = 0, σ² the mixture's: Σ s σ² = 0.002² plus their disagreement Σ s (μₐ − μ)² = 0.002².
        #expect(sink.forecasts.first?.mu == 0.002)
        let first = try #require(sink.forecasts.dropFirst().first)
        #expect(abs(first.mu) < 1e-12)
        #expect(abs(first.sigma - (0.002 * 0.002 + 0.002 * 0.002).squareRoot()) < 1e-12)
        #expect(abs(first.shares[1] - 0.5) < 0.003 && abs(first.shares[2] - 0.5) < 0.003)
        // The last ones lean bullish.
        let last = try #require(sink.forecasts.last)
        #expect(last.mu > 0.0015)
        let ece = try #require(blender).assumeIsolated { $0.calibration.expectedCalibrationError }
        #expect(ece != nil)
    }

    @Test func calibrationOfAPerfectForecasterIsNearZero() {
        var tracker = CalibrationTracker()
        var random = RandomStream(seed: 3)
        for _ in 0..<20_000 { tracker.add(mu: 0.01, sigma: 0.02, realized: 0.01 + 0.02 * random.nextGaussian()) }
        #expect((tracker.expectedCalibrationError ?? 1) < 0.01)
        #expect(abs((tracker.oneSigmaCoverage ?? 0) - 0.683) < 0.01)
        var overconfident = CalibrationTracker()
        for _ in 0..<20_000 { overconfident.add(mu: 0, sigma: 0.005, realized: 0.02 * random.nextGaussian()) }
        #expect((overconfident.expectedCalibrationError ?? 0) > 0.1)
    }

    // MARK: - Learning on equal terms

    /// Publishes, at every minute's quote, the signals a script gives for that minute.
    actor ScriptedAgents: Component {
        nonisolated let context: Context
        nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
        let script: @Sendable (_ minute: Int) -> [(agent: UInt16, mu: Double, sigma: Double)]
        init(context: Context, script: @escaping @Sendable (_ minute: Int) -> [(agent: UInt16, mu: Double, sigma: Double)]) {
            self.context = context
            self.script = script
        }
        func start() { context.subscribe(context.topic(Topics.quotes)) }
        func receive(_ delivery: Delivery) {
            guard case .quote(let quote) = delivery.message else { return }
            let signals = context.topic(Topics.signals)
            for (agent, mu, sigma) in script(Int(delivery.time / BlenderTests.minute)) {
                context.publish(signals, .signal(Signal(symbol: quote.symbol, mu: mu, sigma: sigma, horizonNanoseconds: BlenderTests.horizon,
                                                        confidence: 0.5, regime: 0, agentID: agent, modelVersion: 1, traceID: delivery.sequence)))
            }
        }
    }

    static let minute: UInt64 = 60_000_000_000
    static let horizon: UInt64 = 10 * minute
    /// The synthetic market: a random walk with a drift of +0.02 % a minute and a volatility of
    /// 0.05 % a minute, so over the 10-minute horizon the log return is N(0.002, 0.00158²).
    static let drift = 0.0002
    static let volatility = 0.0005
    static let horizonMean = 10 * drift
    static let horizonSigma = volatility * 10.0.squareRoot()
    /// An agent without a view forecasts no move. μ = 0 exactly is silence to the blender (a
    /// feature agent that has not learned yet), so "no move" is a μ negligible against σ.
    static let noView = 1e-9

    /// Runs a blender (learning rate 0.05, as the library scenarios) over `minutes` of the market.
    static func learnedWeights(minutes: Int, seed: UInt64 = 11, priors: [UInt16: Double],
                               script: @escaping @Sendable (Int) -> [(agent: UInt16, mu: Double, sigma: Double)]) throws -> [Double] {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: UInt64(minutes + 1) * minute))
        let quotes = kernel.topic(named: Topics.quotes)
        var blender: Blender?
        kernel.spawn("agents") { ScriptedAgents(context: $0, script: script) }
        kernel.spawn("blender") { context in
            let made = Blender(context: context, parameters: Blender.Parameters(priorWeights: priors, horizonNanoseconds: horizon,
                                                                                evaluationIntervalNanoseconds: minute, learningRate: 0.05,
                                                                                stressRatio: 100),
                               symbolCount: 1)
            blender = made
            return made
        }
        var random = RandomStream(seed: seed)
        var logMid = log(1_000_000.0)
        var records: [InputRecord] = []
        for minuteIndex in 1...minutes {
            logMid += drift + volatility * random.nextGaussian()
            let mid = Int64(exp(logMid).rounded())
            records.append(InputRecord(time: UInt64(minuteIndex) * minute, topic: quotes,
                                       message: .quote(Quote(symbol: 0, bidPrice: mid - 1, askPrice: mid + 1, bidSize: 1, askSize: 1,
                                                             exchangeTime: UInt64(minuteIndex) * minute))))
        }
        try kernel.addInput(ArrayInputSource(records))
        _ = try kernel.run()
        return try #require(blender).assumeIsolated { $0.weights[0] }
    }

    /// Agent 3 speaks for one minute an hour (its signal counts for the 10-minute horizon) and
    /// always calls the wrong direction; agents 1 (right on average) and 2 (no view) speak every
    /// minute and are never exactly right. Scoring only the agents present once let the silent
    /// one gain weight while the others were multiplied down; compared only with the agents that
    /// spoke alongside it, it loses.
    @Test func anAgentThatSpeaksRarelyAndIsAlwaysWrongLosesWeight() throws {
        let weights = try Self.learnedWeights(minutes: 600, priors: [1: 1, 2: 1, 3: 1]) { minute in
            var signals: [(agent: UInt16, mu: Double, sigma: Double)] = [(1, Self.horizonMean, Self.horizonSigma), (2, Self.noView, Self.horizonSigma)]
            if minute % 60 == 0 { signals.append((3, -Self.horizonMean, Self.horizonSigma)) }
            return signals
        }
        #expect(weights[2] < 0.05, "the rare, always-wrong agent: \(weights)")
        #expect(weights[0] > weights[1], "the informed agent beats the one without a view: \(weights)")
        #expect(abs(weights.reduce(0, +) - 1) < 1e-9)
    }

    /// Agent 2 knows the drift but speaks only every other hour; agent 1 always speaks, without a
    /// view. The skilled, half-silent agent ends with most of the weight.
    @Test func aSkilledAgentThatSpeaksHalfTheTimeGainsWeight() throws {
        let weights = try Self.learnedWeights(minutes: 600, priors: [1: 0.5, 2: 0.5]) { minute in
            var signals: [(agent: UInt16, mu: Double, sigma: Double)] = [(1, Self.noView, Self.horizonSigma)]
            if (minute / 60) % 2 == 0 { signals.append((2, Self.horizonMean, Self.horizonSigma)) }
            return signals
        }
        #expect(weights[1] > 0.8, "the skilled agent: \(weights)")
    }

    /// Three days of one-minute scoring: agent 2 is badly wrong (and overconfident) for two days,
    /// then right. No weight ever reaches 0 — the floor holds it at 1 % — and once it is right
    /// again the agent wins its weight back.
    @Test func afterALongRunNoWeightIsZeroAndAWrongAgentCanRecover() throws {
        let day = 24 * 60
        let wrong = try Self.learnedWeights(minutes: 2 * day, priors: [1: 0.5, 2: 0.25, 3: 0.25]) { _ in
            [(UInt16(1), Self.horizonMean, Self.horizonSigma), (UInt16(2), -5 * Self.horizonMean, Self.horizonSigma / 4),
             (UInt16(3), Self.noView, 10 * Self.horizonSigma)]
        }
        #expect(wrong.prefix(3).allSatisfy { $0 >= Blender.defaultWeightFloor - 1e-12 }, "\(wrong)")
        #expect(abs(wrong[1] - Blender.defaultWeightFloor) < 1e-9, "the wrong agent sits on the floor: \(wrong)")
        let recovered = try Self.learnedWeights(minutes: 3 * day, priors: [1: 0.5, 2: 0.25, 3: 0.25]) { minute in
            let agent2 = minute < 2 * day ? (-5 * Self.horizonMean, Self.horizonSigma / 4) : (Self.horizonMean, Self.horizonSigma)
            let signals: [(agent: UInt16, mu: Double, sigma: Double)] = [(1, Self.noView, Self.horizonSigma), (2, agent2.0, agent2.1),
                                                                         (3, Self.noView, 10 * Self.horizonSigma)]
            return signals
        }
        #expect(recovered.prefix(3).allSatisfy { $0 > 0 }, "\(recovered)")
        #expect(recovered[1] > 0.8, "right again, the agent recovers its weight: \(recovered)")
    }

    /// Agent 2 publishes μ = 0 with a σ ten times too narrow: a feature agent that has not learned
    /// yet. It is silent — never scored, so its weight does not move, and never blended (scored,
    /// its overconfident "no move" would have sunk it to the floor, and blended, its precision
    /// would have pinned the blend to 0).
    @Test func anAgentWhoseMuIsZeroIsSilent() throws {
        let weights = try Self.learnedWeights(minutes: 300, priors: [1: 0.5, 2: 0.5]) { _ in
            [(UInt16(1), Self.horizonMean, Self.horizonSigma), (UInt16(2), 0, Self.horizonSigma / 10)]
        }
        #expect(abs(weights[0] - 0.5) < 1e-12 && abs(weights[1] - 0.5) < 1e-12, "\(weights)")
    }

    @Test func anAgentThatAbstainsKeepsItsWeightExactly() {
        var weights = [0.5, 0.3, 0.2, 0]
        SleepingExperts.update(&weights, losses: [1, 3, 0, 0], awake: [true, true, false, false], learningRate: 0.5, maximumLoss: 12.5)
        #expect(weights[2] == 0.2 && weights[3] == 0)
        // The two that spoke keep their 0.8 between them, split 0.5 : 0.3 · e^(−0.5·2).
        let loser = 0.3 * exp(-1.0)
        #expect(abs(weights[0] - 0.8 * 0.5 / (0.5 + loser)) < 1e-12)
        #expect(abs(weights[1] - 0.8 * loser / (0.5 + loser)) < 1e-12)
    }

    @Test func theFloorPinsTheLowWeightsAndScalesTheRest() {
        var weights = [0.97, 0.02, 0.01, 0]
        SleepingExperts.applyFloor(&weights, floor: 0.05)
        #expect(zip(weights, [0.9, 0.05, 0.05, 0]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(weights)")
        // Scaling the rest can push one more below: 0.0005 is pinned to 0.1, the others scaled by
        // 0.9 / 0.9995, which takes 0.101 below 0.1; pinned too, 0.5 and 0.399 share the 0.8 left.
        var cascade = [0.5, 0.399, 0.101, 0.0005]
        SleepingExperts.applyFloor(&cascade, floor: 0.1)
        let expected = [0.8 * 0.5 / 0.899, 0.8 * 0.399 / 0.899, 0.1, 0.1]
        #expect(zip(cascade, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(cascade)")
    }

    // MARK: - Recalibration

    @Test func poolAdjacentViolatorsMatchesHandComputedFits() {
        var pav = PoolAdjacentViolators(capacity: 8)
        // 3 > 2 pool to 2.5; 4 > 3.5 pool to 3.75.
        var values = [1, 3, 2, 4, 3.5, 5]
        pav.fit(&values)
        #expect(values == [1, 2.5, 2.5, 3.75, 3.75, 5])
        // A chain: 5 > 1 pools to 3, which is above the next 1, pools to 7/3, then to 2.
        var chain = [5.0, 1, 1, 1]
        pav.fit(&chain)
        #expect(chain == [2, 2, 2, 2])
        // Weighted: 4 > 2 (weight 3) pools to (4 + 3·2) / 4 = 2.5, and 3 ≥ 2.5 stays.
        var weighted = [1.0, 4, 2, 3]
        pav.fit(&weighted, weights: [1, 1, 3, 1])
        #expect(weighted == [1, 2.5, 2.5, 3])
        var monotone = [0.1, 0.2, 0.2, 0.9]
        pav.fit(&monotone)
        #expect(monotone == [0.1, 0.2, 0.2, 0.9])
    }

    @Test func theNormalQuantileInvertsTheCDF() {
        #expect(StandardNormal.quantile(0.5) == 0)
        #expect(abs(StandardNormal.quantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(StandardNormal.quantile(0.001) + 3.090232306167813) < 1e-12)
        #expect(abs(StandardNormal.quantile(StandardNormal.cdf(1)) - 1) < 1e-12)
        #expect(abs(StandardNormal.quantile(1e-10) + 6.361340902404056) < 1e-9)
    }

    /// Feeds a recalibrator a forecast stream the way the blender does — each forecast published
    /// through the current map, scored (recorded) only afterwards, the map refitted every 10 — and
    /// measures the published forecasts after a warm-up.
    static func recalibrate(rawMu: Double, rawSigma: Double, count: Int) -> (raw: CalibrationTracker, published: CalibrationTracker) {
        var recalibrator = QuantileRecalibrator()
        var random = RandomStream(seed: 5)
        var raw = CalibrationTracker()
        var published = CalibrationTracker()
        for index in 0..<count {
            let map = recalibrator.map(regime: 1)
            let realized = random.nextGaussian()
            if index >= 1_000 {
                raw.add(mu: rawMu, sigma: rawSigma, realized: realized)
                published.add(mu: rawMu + rawSigma * map.shift, sigma: rawSigma * map.scale, realized: realized)
            }
            recalibrator.record(pit: StandardNormal.cdf((realized - rawMu) / rawSigma), regime: 1)
            if index % 10 == 9 { recalibrator.refit() }
        }
        return (raw, published)
    }

    /// An over-dispersed stream: σ = 2 for returns that are N(0, 1), so 95 % land inside μ ± σ.
    /// Recalibrated, coverage comes back to about 68 %.
    @Test func recalibrationBringsAnOverDispersedStreamToSixtyEightPercent() throws {
        let (raw, published) = Self.recalibrate(rawMu: 0, rawSigma: 2, count: 11_000)
        #expect(abs(try #require(raw.oneSigmaCoverage) - 0.954) < 0.01)
        #expect(try #require(raw.expectedCalibrationError) > 0.08)
        let coverage = try #require(published.oneSigmaCoverage)
        #expect(abs(coverage - 0.683) < 0.02, "coverage \(coverage)")
        #expect(try #require(published.expectedCalibrationError) < 0.02)
    }

    /// Biased and overconfident (μ = 0.5, σ = 0.5 for N(0, 1)): the map moves μ and widens σ.
    @Test func recalibrationCorrectsABiasedOverconfidentStream() throws {
        let (raw, published) = Self.recalibrate(rawMu: 0.5, rawSigma: 0.5, count: 11_000)
        #expect(try #require(raw.expectedCalibrationError) > 0.15)
        let coverage = try #require(published.oneSigmaCoverage)
        let ece = try #require(published.expectedCalibrationError)
        // Most of this stream's u lies in the tails, where the tracked 1σ quantiles move slowest: a wider band.
        #expect(abs(coverage - 0.683) < 0.03, "coverage \(coverage), ECE \(ece)")
        #expect(ece < 0.02, "coverage \(coverage), ECE \(ece)")
    }

    /// A regime with too few scored forecasts borrows the other regime's map, else the identity.
    @Test func aRegimeWithoutEnoughForecastsBorrowsOrKeepsTheRaw() {
        var recalibrator = QuantileRecalibrator(window: 600, minimumScored: 100)
        #expect(recalibrator.map(regime: 1) == .identity && recalibrator.map(regime: 2) == .identity)
        var random = RandomStream(seed: 9)
        for _ in 0..<500 { recalibrator.record(pit: StandardNormal.cdf(random.nextGaussian() / 2), regime: 1) }
        recalibrator.refit()
        #expect(recalibrator.map(regime: 1).scale < 0.7)
        #expect(recalibrator.map(regime: 2) == recalibrator.map(regime: 1))
    }
}
