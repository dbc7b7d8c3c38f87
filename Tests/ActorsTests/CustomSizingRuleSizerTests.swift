import Actors
import Kernel
import Messages
import Testing

/// The sizer with a package's sizing rule: the rule's target becomes the intent, bounded where a
/// lot cannot be valued.
@Suite struct CustomSizingRuleSizerTests {
    /// Always `lots` long, whatever the forecast.
    struct AlwaysLong: CustomSizingRule {
        let lots: Int64
        func targetLots(for request: SizingRequest) -> Int64 { lots }
    }

    @Test func theRulesTargetIsTheIntentAndALotWorthNothingStaysFlat() throws {
        let second: DurationNanoseconds = 1_000_000_000
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: 100 * second))
        // B's lot at 0.00001 is worth less than a minor unit: no target can be sized for it.
        let instruments = [Instrument(symbol: "A", sector: "s", pricePrecision: 2, lotSize: 10),
                           Instrument(symbol: "B", sector: "s", pricePrecision: 5, lotSize: 1)]
        kernel.spawn("sizer") { context in
            Sizer(context: context, parameters: Sizer.Parameters(), instruments: instruments, initialCashMinorUnits: 1_000_000,
                  customRule: AlwaysLong(lots: 3))
        }
        let sink = MessageSink()
        kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.intents], sink: sink) }
        let quotes = kernel.topic(named: Topics.quotes)
        let forecasts = kernel.topic(named: Topics.forecasts)
        func forecast(_ symbol: SymbolID) -> Message {
            .forecast(Forecast(mu: 0.001, sigma: 0.01, horizonNanoseconds: 60 * second, traceID: 7, shares: AgentShares(), symbol: symbol,
                               regime: 0))
        }
        try kernel.addInput(ArrayInputSource([
            InputRecord(time: 1 * second, topic: quotes, message: .quote(Quote(symbol: 0, bidPrice: 9_999, askPrice: 10_001, bidSize: 100,
                                                                                askSize: 100, exchangeTime: 0))),
            InputRecord(time: 1 * second, topic: quotes, message: .quote(Quote(symbol: 1, bidPrice: 1, askPrice: 1, bidSize: 100,
                                                                                askSize: 100, exchangeTime: 0))),
            InputRecord(time: 2 * second, topic: forecasts, message: forecast(0)),
            InputRecord(time: 3 * second, topic: forecasts, message: forecast(1)),
        ]))
        _ = try kernel.run()
        let intents = sink.messages.compactMap { if case .intent(let intent) = $0 { intent } else { nil } }
        #expect(intents.map(\.symbol) == [0], "B stays flat: its lot is worth nothing")
        #expect(intents.first?.targetQuantity == 30, "3 lots of 10")
        #expect(intents.first.map { $0.drawdownScale == 1 && $0.cvarScale == 1 && $0.kellyWeight == $0.cappedWeight } == true)
        withExtendedLifetime(kernel) {}
    }
}
