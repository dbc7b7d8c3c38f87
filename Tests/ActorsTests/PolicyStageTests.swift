@testable import Actors
import Foundation
import Kernel
import Messages
import Testing

/// The policy stage on known values: what it observes, the reward it scores, the intents and
/// actions it publishes, its stop and take-profit.
@Suite struct PolicyStageTests {
    static let second: DurationNanoseconds = 1_000_000_000

    /// Plays a script of choices and keeps what it was shown.
    final class ScriptedDecider: PolicyDecider, @unchecked Sendable {
        var script: [PolicyChoice]
        var seen: [(step: Int, time: Timestamp, reward: Double, equity: Int64, features: [Double])] = []
        var finished: (step: Int, reward: Double)?

        init(_ script: [PolicyChoice]) { self.script = script }

        func decide(_ observation: PolicyObservation) -> PolicyChoice {
            seen.append((observation.step, observation.time, observation.reward, observation.equityMinorUnits, Array(observation.features)))
            return script.isEmpty ? .flat : script.removeFirst()
        }

        func finish(_ observation: PolicyObservation) { finished = (observation.step, observation.reward) }
    }

    func quote(_ mid: Int64) -> Message {
        .quote(Quote(symbol: 0, bidPrice: mid - 1, askPrice: mid + 1, bidSize: 10, askSize: 10, exchangeTime: 0))
    }

    /// Runs a stage (decisions every 10 s, 4 lots at full size, window 2) over `inputs`; returns what
    /// the decider saw and the stage's published messages.
    func run(_ script: [PolicyChoice], reward: PolicyReward, inputs: (TopicSet) -> [InputRecord]) throws -> (ScriptedDecider, [Message]) {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: 35 * Self.second))
        var parameters = PolicyStage.Parameters()
        parameters.decisionIntervalNanoseconds = 10 * Self.second
        parameters.maximumLots = 4
        parameters.returnWindow = 2
        parameters.reward = reward
        let decider = ScriptedDecider(script)
        nonisolated(unsafe) let handedOver = decider
        kernel.spawn("policy") { context in
            PolicyStage(context: context, parameters: parameters, instruments: [Instrument(symbol: "A", sector: "s", pricePrecision: 2, lotSize: 1)],
                        initialCashMinorUnits: 100_000, decider: handedOver, runEnd: 35 * Self.second)
        }
        let sink = MessageSink()
        kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.policyActions, Topics.intents], sink: sink) }
        let topics = TopicSet(quotes: kernel.topic(named: Topics.quotes), positions: kernel.topic(named: Topics.positions),
                              fills: kernel.topic(named: Topics.fills))
        try kernel.addInput(ArrayInputSource(inputs(topics)))
        _ = try kernel.run()
        withExtendedLifetime(kernel) {}
        return (decider, sink.messages)
    }

    struct TopicSet {
        let quotes, positions, fills: TopicID
    }

    @Test func theRewardIsTheScenariosWeightingOfTheInterval() throws {
        let s = Self.second
        let reward = PolicyReward(logReturn: 1, drawdown: 0, trade: 0.001, holding: 0.0005, cost: 1)
        let (decider, published) = try run([PolicyChoice(direction: 1, sizeIndex: 1), PolicyChoice(direction: -1, sizeIndex: 3)],
                                           reward: reward) { topics in
            [
                InputRecord(time: 1 * s, topic: topics.quotes, message: quote(10_000)),
                // The long of 2 lots fills at 100.00 with a 0.50 fee: cash 1,000.00 − 200.00 − 0.50.
                InputRecord(time: 12 * s, topic: topics.fills, message: .fill(Fill(orderID: 1, symbol: 0, side: .buy, quantity: 2, price: 10_000,
                                                                                    feeMinorUnits: 50, isFinal: true, traceID: 1, fillID: 1, venue: 0))),
                InputRecord(time: 12 * s, topic: topics.positions, message: .position(PositionUpdate(symbol: 0, position: 2, cashMinorUnits: 79_950,
                                                                                                     realizedPnLMinorUnits: 0, traceID: 1))),
                InputRecord(time: 15 * s, topic: topics.quotes, message: quote(10_100)),
            ]
        }
        #expect(decider.seen.count == 2, "decisions at 10 s and 20 s; none at 30 s: no quote since")
        #expect(decider.seen[0].time == 10 * s && decider.seen[0].reward == 0)
        // Interval 10 s → 20 s: equity 100,000 → 79,950 + 2 × 10,100 = 100,150; traded, held, paid 50.
        let expected = log(100_150.0 / 100_000.0) - 0.001 - 0.0005 - 50.0 / 100_000.0
        #expect(abs(decider.seen[1].reward - expected) < 1e-12)
        #expect(decider.seen[1].equity == 100_150)
        // Features (window 2): returns oldest first, then position share, open return, log equity, drawdown.
        let features = decider.seen[1].features
        #expect(features.count == 10)
        #expect(features[0] == 0 && abs(features[1] - log(10_100.0 / 10_000.0)) < 1e-12)
        #expect(features[2] == 0.5, "2 of 4 lots")
        #expect(abs(features[3] - 0.01) < 1e-12, "up 1 % since the long was set")
        #expect(abs(features[4] - log(1.0015)) < 1e-12)
        #expect(features[5] == 0, "a new peak")
        #expect(abs(features[7] - 2.0 / 10_100.0) < 1e-12, "the spread over the mid")
        #expect(abs(features[9] - 20.0 / 35.0) < 1e-12, "elapsed share of the run")
        let actions = published.compactMap { if case .action(let action) = $0 { action } else { nil } }
        let intents = published.compactMap { if case .intent(let intent) = $0 { intent } else { nil } }
        #expect(actions.map(\.targetQuantity) == [2, -4])
        #expect(actions.map(\.step) == [0, 1] && actions[1].direction == -1 && actions[1].sizeIndex == 3)
        #expect(abs(actions[1].reward - expected) < 1e-12, "the journal carries the reward")
        #expect(intents.map(\.targetQuantity) == [2, -4] && intents.map(\.quantity) == [2, -6])
        // The end scores the last interval (20 s → 35 s, no move, no fill: the charges for the trade
        // the decision at 20 s asked for and for the position held) and says so.
        let finished = try #require(decider.finished)
        #expect(finished.step == 2 && abs(finished.reward - (-0.0015)) < 1e-12)
    }

    @Test func aFlatChoiceAfterAFlatOneSendsNoIntent() throws {
        let s = Self.second
        let (_, published) = try run([.flat, .flat], reward: PolicyReward()) { topics in
            [InputRecord(time: 1 * s, topic: topics.quotes, message: quote(10_000)),
             InputRecord(time: 11 * s, topic: topics.quotes, message: quote(10_000))]
        }
        #expect(published.filter { if case .intent = $0 { true } else { false } }.isEmpty)
        #expect(published.filter { if case .action = $0 { true } else { false } }.count == 2)
    }

    @Test func stopsAndTakeProfitsAreSigmaMultiplesOfTheMidAtTheDecision() {
        var exits = PolicyExits()
        exits.set(direction: 1, mid: 100, sigma: 0.01, stopMultiple: 2, takeProfitMultiple: 3)
        #expect(abs((exits.stopMid ?? 0) - 100 * exp(-0.02)) < 1e-9)
        #expect(abs((exits.takeProfitMid ?? 0) - 100 * exp(0.03)) < 1e-9)
        #expect(exits.crossed(mid: 99) == nil)
        #expect(exits.crossed(mid: 98.01) == .stop)
        #expect(exits.crossed(mid: 50) == nil, "cleared once crossed")
        exits.set(direction: -1, mid: 100, sigma: 0.01, stopMultiple: 2, takeProfitMultiple: 3)
        #expect(exits.crossed(mid: 97.04) == .takeProfit, "a short's take-profit is below")
        exits.set(direction: -1, mid: 100, sigma: 0.01, stopMultiple: 0, takeProfitMultiple: 0)
        #expect(exits.crossed(mid: 1_000) == nil, "multiples of 0: no levels")
        exits.set(direction: 1, mid: 100, sigma: 0, stopMultiple: 2, takeProfitMultiple: 3)
        #expect(exits.crossed(mid: 1) == nil, "no volatility estimate yet: no levels")
    }

    @Test func aChoiceOutOfTheMenusIsNamed() {
        let parameters = PolicyStage.Parameters()
        #expect(PolicyChoice(direction: 2).problem(for: parameters)?.contains("direction 2") == true)
        #expect(PolicyChoice(direction: 1, sizeIndex: 4).problem(for: parameters) == "size index 4: expected 0…3 (policy.size_fractions)")
        #expect(PolicyChoice(fromIndices: [2, 3, 2, 2]).problem(for: parameters) == nil)
        #expect(PolicyChoice(fromIndices: [0, 0, 0, 0]).direction == -1, "index 0 is short")
        #expect(PolicyChoice(fromIndices: [Int64.max, 0, 0, 0]).problem(for: parameters) != nil, "clamped, not trapped")
    }

    @Test func theRandomDeciderIsTheSameForTheSameSeed() {
        let parameters = PolicyStage.Parameters()
        let features = [Double](repeating: 0, count: parameters.featureCount)
        func draws(_ seed: UInt64) -> [PolicyChoice] {
            let decider = RandomPolicyDecider(seed: seed, parameters: parameters)
            return features.withUnsafeBufferPointer { buffer in
                (0..<50).map { decider.decide(PolicyObservation(step: $0, time: 0, reward: 0, equityMinorUnits: 0, features: buffer)) }
            }
        }
        #expect(draws(4) == draws(4))
        #expect(draws(4) != draws(5))
        let choices = draws(4)
        #expect(Set(choices.map(\.direction)) == [-1, 0, 1], "every direction drawn")
        #expect(choices.allSatisfy { $0.problem(for: parameters) == nil })
    }
}
