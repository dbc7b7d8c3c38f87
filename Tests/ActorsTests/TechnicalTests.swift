import Foundation
import Actors
import Kernel
import Messages
import Testing

/// The Technical agent's indicators on handcrafted bars, and the agent on a clean uptrend.
@Suite struct TechnicalTests {
    @Test func wilderAverageSeedsWithTheMeanThenSmooths() {
        var average = WilderAverage(period: 4)
        for value in [1.0, 2, 3, 4] { average.add(value) }
        #expect(average.isReady && average.value == 2.5)
        average.add(6.5)
        #expect(average.value == 2.5 + (6.5 - 2.5) / 4)
    }

    @Test func rollingWindowKeepsTheLastValues() {
        var window = RollingWindow(capacity: 3)
        for value in [9.0, 1, 2, 3] { window.add(value) }
        #expect(window.isFull && window.maximum == 3 && window.minimum == 1 && window.mean == 2)
        #expect(abs(window.deviation - (2.0 / 3).squareRoot()) < 1e-12)
    }

    /// Bars of a steady climb: each closes 0.5 % above the last, with a range of ±0.2 %.
    static func trendingBars(count: Int, step: Double) -> [PriceBar] {
        (0..<count).map { index in
            let close = 100 * exp(step * Double(index))
            return PriceBar(open: close * exp(-step), high: close * 1.002, low: close * exp(-step) * 0.998, close: close)
        }
    }

    @Test func aCleanUptrendReadsAsATrendUp() throws {
        var indicators = TechnicalIndicators()
        var readings: [TechnicalReading] = []
        for bar in TechnicalTests.trendingBars(count: 60, step: 0.005) {
            if let reading = indicators.close(bar) { readings.append(reading) }
        }
        #expect(readings.count == 60 - indicators.periods.warmUpBars + 1, "a reading per bar once warmed up")
        let last = try #require(readings.last)
        #expect(last.macdScore > 0.5, "fast EMA well above slow: \(last.macdScore)")
        #expect(last.donchianScore == 1, "every close is a new high")
        #expect(last.supertrendDirection == 1)
        #expect(last.adx > 90, "only up-moves: ADX \(last.adx)")
        #expect(last.trendWeight == 1 && last.regime == 1)
        #expect(last.meanReversionScore < 0, "RSI at 100: overbought")
        #expect(last.composite > 0.5)
        // The mirror image reads as a trend down.
        var falling = TechnicalIndicators()
        var lastFalling: TechnicalReading?
        for bar in TechnicalTests.trendingBars(count: 60, step: -0.005) { lastFalling = falling.close(bar) ?? lastFalling }
        let down = try #require(lastFalling)
        #expect(down.donchianScore == -1 && down.supertrendDirection == -1 && down.composite < -0.5)
    }

    @Test func aPopInARangingMarketReadsAsMeanReversion() throws {
        // 100 choppy bars (an oscillation of period ≈ 2.6 bars, ±1 %) keep ADX low; then three
        // bars of +0.8 % each push RSI and Bollinger %b up before ADX can react: overbought in a
        // range, so the composite says "down" although the trend scores say "up".
        var indicators = TechnicalIndicators()
        var closes = (0..<100).map { 100 * (1 + 0.01 * sin(Double($0) * 2.4)) }
        for _ in 0..<3 { closes.append(closes.last! * 1.008) }
        var reading: TechnicalReading?
        for (index, close) in closes.enumerated() {
            let previous = index > 0 ? closes[index - 1] : close
            reading = indicators.close(PriceBar(open: previous, high: max(previous, close) + 0.05,
                                                low: min(previous, close) - 0.05, close: close)) ?? reading
        }
        let popped = try #require(reading)
        #expect(popped.adx < 20, "a range: ADX \(popped.adx)")
        #expect(popped.trendWeight == 0 && popped.regime == 2)
        #expect(popped.donchianScore == 1, "the pop breaks the channel")
        #expect(popped.meanReversionScore < -0.5, "RSI and %b high: \(popped.meanReversionScore)")
        #expect(popped.composite == popped.meanReversionScore)
    }

    @Test func supertrendFlipsWhenThePriceCrossesTheOtherBand() throws {
        var indicators = TechnicalIndicators()
        var directions: [Double] = []
        let up = TechnicalTests.trendingBars(count: 40, step: 0.005)
        let down = TechnicalTests.trendingBars(count: 40, step: -0.01).map { bar in
            let scale = up.last!.close / 100
            return PriceBar(open: bar.open * scale, high: bar.high * scale, low: bar.low * scale, close: bar.close * scale)
        }
        for bar in up + down { if let reading = indicators.close(bar) { directions.append(reading.supertrendDirection) } }
        #expect(directions.first == 1 && directions.last == -1)
        #expect(zip(directions, directions.dropFirst()).filter { $0 != $1 }.count == 1, "one flip, no whipsaw")
    }

    @Test func barsCloseOnTheFirstQuoteOfTheNextInterval() {
        var model = TechnicalModel(symbolCount: 2, barNanoseconds: 10)
        func quote(_ symbol: SymbolID, _ mid: Int64) -> Quote {
            Quote(symbol: symbol, bidPrice: mid - 1, askPrice: mid + 1, bidSize: 1, askSize: 1, exchangeTime: 0)
        }
        var closed: [SymbolID?] = []
        // 40 bars of a climb for symbol 0; a crossed quote and an unknown symbol are ignored.
        for barIndex in 0..<40 {
            let time = UInt64(barIndex) * 10
            closed.append(model.absorb(quote: quote(0, 1_000 + 5 * Int64(barIndex)), time: time))
            closed.append(model.absorb(quote: quote(0, 1_002 + 5 * Int64(barIndex)), time: time + 5))
        }
        #expect(model.absorb(quote: Quote(symbol: 0, bidPrice: 10, askPrice: 9, bidSize: 1, askSize: 1, exchangeTime: 0), time: 400) == nil)
        #expect(model.absorb(quote: quote(7, 1_000), time: 400) == nil)
        let firstClose = closed.firstIndex { $0 != nil }
        // Bars 0…warm-up−1 close silently; the quote opening bar `warm-up` closes the first ready bar.
        #expect(firstClose == 2 * TechnicalIndicators.Periods().warmUpBars)
        #expect(closed.compactMap { $0 }.allSatisfy { $0 == 0 })
        #expect((model.feature(of: 0) ?? 0) > 0 && model.regime == 1)
        #expect(model.feature(of: 1) == nil, "no quotes, no feature")
    }

    @Test func theAgentForecastsARiseOnANoisyUptrend() throws {
        let minute: UInt64 = 60_000_000_000
        let kernel = Kernel(configuration: KernelConfiguration(seed: 3, startTime: 0, endTime: 600 * minute))
        let quotes = kernel.topic(named: Topics.quotes)
        kernel.spawn("agent.technical") { context in
            FeatureAgent(context: context, model: TechnicalModel(symbolCount: 1, barNanoseconds: minute),
                         parameters: FeatureAgentParameters(horizonNanoseconds: 10 * minute, agentID: 1), symbolCount: 1)
        }
        let sink = MessageSink()
        kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.signals], sink: sink) }
        // +0.05 % a minute with ±0.1 % of deterministic wiggle, four quotes a minute.
        try kernel.addInput(ArrayInputSource((0..<2_396).map { index in
            let time = UInt64(index) * minute / 4
            let wiggle = 0.001 * sin(Double(index) * 1.7)
            let mid = Int64((1_000_000 * exp(0.0005 * Double(index) / 4 + wiggle)).rounded())
            return InputRecord(time: time, topic: quotes, message: .quote(Quote(symbol: 0, bidPrice: mid - 1, askPrice: mid + 1,
                                                                                  bidSize: 1, askSize: 1, exchangeTime: time)))
        }))
        _ = try kernel.run()
        let signals = sink.messages.compactMap { if case .signal(let signal) = $0 { signal } else { nil } }
        #expect(signals.count > 500, "a signal per bar after warm-up: \(signals.count)")
        let last = try #require(signals.last)
        #expect(last.mu > 0, "μ \(last.mu)")
        #expect(last.sigma > 0 && last.sigma.isFinite)
        #expect(last.regime == 1 && last.agentID == 1 && last.modelVersion == TechnicalModel.modelVersion)
        #expect(last.horizonNanoseconds == 10 * minute)
    }

    /// The receiver the model writes (what the scenario runner spawns with) runs the same agent
    /// as the `Component` witness does: the same signals, the same digests.
    @Test func theModelsReceiverRunsTheSameAgentAsTheGenericBody() throws {
        func run(withModelReceiver: Bool) throws -> (signals: [Message], summary: RunSummary) {
            let minute: UInt64 = 60_000_000_000
            let kernel = Kernel(configuration: KernelConfiguration(seed: 5, startTime: 0, endTime: 300 * minute))
            let quotes = kernel.topic(named: Topics.quotes)
            let make = { (context: Context) in
                FeatureAgent(context: context, model: TechnicalModel(symbolCount: 2, barNanoseconds: minute),
                             parameters: FeatureAgentParameters(horizonNanoseconds: 10 * minute, agentID: 1), symbolCount: 2)
            }
            if withModelReceiver {
                kernel.spawn("agent.technical", receiving: TechnicalModel.featureAgentReceiver, make)
            } else {
                kernel.spawn("agent.technical", make)
            }
            let sink = MessageSink()
            kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.signals], sink: sink) }
            try kernel.addInput(ArrayInputSource((0..<2_000).map { index in
                let time = UInt64(index) * minute / 8
                let mid = Int64((1_000_000 * exp(0.0004 * Double(index) / 8 + 0.002 * sin(Double(index) * 0.9))).rounded())
                return InputRecord(time: time, topic: quotes, message: .quote(Quote(symbol: SymbolID(index % 2), bidPrice: mid - 1,
                                                                                      askPrice: mid + 1, bidSize: 1, askSize: 1, exchangeTime: time)))
            }))
            let summary = try kernel.run()
            return (sink.messages, summary)
        }
        let specialized = try run(withModelReceiver: true)
        let generic = try run(withModelReceiver: false)
        #expect(specialized.signals.count > 100)
        #expect(specialized.signals == generic.signals)
        #expect(specialized.summary.digest == generic.summary.digest)
        #expect(specialized.summary.decisionDigest == generic.summary.decisionDigest)
    }
}
