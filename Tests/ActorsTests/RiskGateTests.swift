import Actors
import Kernel
import Messages
import Testing

/// The gate as an actor: the kill switch engages at the drawdown limit, blocks new risk, lets
/// reductions through, and holds until the operator resets it.
@Suite struct RiskGateTests {
    static let second: UInt64 = 1_000_000_000

    func quote(_ mid: Int64) -> Message {
        .quote(Quote(symbol: 0, bidPrice: mid - 1, askPrice: mid + 1, bidSize: 100, askSize: 100, exchangeTime: 0))
    }

    func intent(_ quantity: Int64, reference: Int64) -> Message {
        .intent(Intent(symbol: 0, targetQuantity: quantity, quantity: quantity, referencePrice: reference, kellyWeight: 0, cappedWeight: 0,
                       drawdownScale: 1, cvarScale: 1, traceID: 1))
    }

    @Test func killSwitchEngagesAtTheDrawdownLimitAndBlocksNewRisk() throws {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: 100 * RiskGateTests.second))
        var limits = GateLimits()
        limits.maximumSector = 10
        limits.maximumGross = 10
        limits.maximumNet = 10
        limits.cooldownNanoseconds = 0
        var gate: RiskGate?
        kernel.spawn("gate") { context in
            let made = RiskGate(context: context, limits: limits,
                                instruments: [Instrument(symbol: "A", sector: "s", pricePrecision: 2, lotSize: 1)], initialCashMinorUnits: 100_000)
            gate = made
            return made
        }
        let sink = MessageSink()
        kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.gateDecisions], sink: sink) }
        let s = RiskGateTests.second
        let topics = (quotes: kernel.topic(named: Topics.quotes), positions: kernel.topic(named: Topics.positions),
                      intents: kernel.topic(named: Topics.intents))
        // 1 000 EUR cash; buy 5 lots at 100 EUR (cash 500 EUR, equity 1 000 EUR). A fall to 90 EUR
        // loses 50 EUR = 5 % of the peak: the switch engages.
        try kernel.addInput(ArrayInputSource([
            InputRecord(time: 1 * s, topic: topics.quotes, message: quote(10_000)),
            InputRecord(time: 2 * s, topic: topics.positions, message: .position(PositionUpdate(symbol: 0, position: 5, cashMinorUnits: 50_000,
                                                                                                realizedPnLMinorUnits: 0, traceID: 1))),
            InputRecord(time: 3 * s, topic: topics.quotes, message: quote(9_100)),
            InputRecord(time: 4 * s, topic: topics.intents, message: intent(1, reference: 9_100)),
            InputRecord(time: 5 * s, topic: topics.quotes, message: quote(9_000)),
            InputRecord(time: 6 * s, topic: topics.intents, message: intent(1, reference: 9_000)),
            InputRecord(time: 7 * s, topic: topics.intents, message: intent(-2, reference: 9_000)),
        ]))
        _ = try kernel.run()
        let decisions = sink.messages.compactMap { if case .gate(let decision) = $0 { decision } else { nil } }
        #expect(decisions.count == 4)
        #expect(decisions[0].outcome == .approved, "4.5 % down: still trading")
        #expect(decisions[1].symbol == GateDecision.allSymbols && decisions[1].reasons == .killSwitch, "the engagement is on record")
        #expect(decisions[2].outcome == .rejected && decisions[2].reasons == .killSwitch, "5 % down: no new risk")
        #expect(decisions[3].outcome == .approved && decisions[3].approvedQuantity == -2, "reducing still passes")
        let made = try #require(gate)
        let (engaged, engagedAt, rejected, killed, afterReset) = made.assumeIsolated { gate in
            let before = (gate.killSwitchEngaged, gate.killSwitchTime, gate.outcomeCounts[.rejected], gate.reasonCounts["kill_switch"])
            gate.resetKillSwitch()
            return (before.0, before.1, before.2, before.3, gate.killSwitchEngaged)
        }
        #expect(engaged && engagedAt == 5 * s)
        #expect(rejected == 1 && killed == 1)
        #expect(!afterReset, "the operator's reset")
        withExtendedLifetime(kernel) {}
    }
}
