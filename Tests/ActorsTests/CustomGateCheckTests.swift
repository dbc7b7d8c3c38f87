import Actors
import Kernel
import Messages
import Testing

/// A registered gate check after the gate's own limits: it cuts or refuses, names `custom_check`,
/// and never judges a reducing trade.
@Suite struct CustomGateCheckTests {
    /// At most `limit` lots committed in any symbol.
    struct AtMost: CustomGateCheck {
        let limit: Int64
        func allowedQuantity(_ quantity: Int64, of intent: Intent, book: GateBook) -> Int64 {
            let room = max(limit - abs(book.committed[Int(intent.symbol)]), 0)
            return quantity > 0 ? min(quantity, room) : max(quantity, -room)
        }
    }

    @Test func theCheckCutsAfterTheGatesLimitsAndNamesItself() throws {
        let second: DurationNanoseconds = 1_000_000_000
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: 100 * second))
        var limits = GateLimits()
        (limits.maximumSector, limits.maximumGross, limits.maximumNet, limits.maximumTradeRisk) = (10, 10, 10, 10)
        limits.cooldownNanoseconds = 0
        kernel.spawn("gate") { context in
            RiskGate(context: context, limits: limits, instruments: [Instrument(symbol: "A", sector: "s", pricePrecision: 2, lotSize: 1)],
                     initialCashMinorUnits: 1_000_000, customChecks: [AtMost(limit: 3)])
        }
        let sink = MessageSink()
        kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.gateDecisions], sink: sink) }
        let quotes = kernel.topic(named: Topics.quotes)
        let intents = kernel.topic(named: Topics.intents)
        func intent(_ quantity: Int64, target: Int64) -> Message {
            .intent(Intent(symbol: 0, targetQuantity: target, quantity: quantity, referencePrice: 10_000, kellyWeight: 0, cappedWeight: 0,
                           drawdownScale: 1, cvarScale: 1, traceID: 1))
        }
        try kernel.addInput(ArrayInputSource([
            InputRecord(time: 1 * second, topic: quotes, message: .quote(Quote(symbol: 0, bidPrice: 9_999, askPrice: 10_001, bidSize: 100,
                                                                                askSize: 100, exchangeTime: 0))),
            InputRecord(time: 2 * second, topic: intents, message: intent(5, target: 5)),   // 3 of 5 fit
            InputRecord(time: 3 * second, topic: intents, message: intent(2, target: 5)),   // none fits: 3 committed
            // The 3 lots filled: a reduction of what is held and committed is never judged by the check.
            InputRecord(time: 4 * second, topic: kernel.topic(named: Topics.positions),
                        message: .position(PositionUpdate(symbol: 0, position: 3, cashMinorUnits: 970_000, realizedPnLMinorUnits: 0, traceID: 1))),
            InputRecord(time: 5 * second, topic: intents, message: intent(-2, target: 1)),
        ]))
        _ = try kernel.run()
        let decisions = sink.messages.compactMap { if case .gate(let decision) = $0 { decision } else { nil } }
        #expect(decisions.map(\.approvedQuantity) == [3, 0, -2])
        #expect(decisions.map(\.outcome) == [.projected, .rejected, .approved])
        #expect(decisions[0].reasons == .customCheck && decisions[1].reasons == .customCheck && decisions[2].reasons.isEmpty)
        #expect(GateReasons.customCheck.names == ["custom_check"])
        withExtendedLifetime(kernel) {}
    }
}
