import Foundation
import Actors
import Kernel
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
        // μ = 0, with their disagreement in σ.
        #expect(sink.forecasts.first?.mu == 0.002)
        let first = try #require(sink.forecasts.dropFirst().first)
        #expect(abs(first.mu) < 1e-12)
        #expect(abs(first.sigma - (0.5 * 0.002 * 0.002 + 0.002 * 0.002).squareRoot()) < 1e-12)
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
}
