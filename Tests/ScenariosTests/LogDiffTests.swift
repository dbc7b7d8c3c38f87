import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// `metronome diff` and counterfactual replay, on the small replay-test scenario.
@Suite struct LogDiffTests {
    @Test func twoRecordingsOfTheSameRunAreTheSame() throws {
        let (a, _) = try ReplayTests.record()
        let (b, _) = try ReplayTests.record()
        let diff = try LogDiff.compare(a, b)
        #expect(diff.identical)
        #expect(diff.a.records == diff.b.records)
        #expect(diff.a.decisions > 0, "the run made decisions, so the comparison covers them")
        #expect(diff.ordersAdded.isEmpty && diff.ordersRemoved.isEmpty && diff.ordersChanged.isEmpty)
        #expect(diff.pnlDeltaMinorUnits == 0)
        #expect(DiffReport(diff).same)
    }

    @Test func anAlteredInputIsTheFirstDivergence() throws {
        let (original, _) = try ReplayTests.record()
        let altered = try LogAlteration.alterQuote(in: original, inputIndex: 1_000)
        let diff = try LogDiff.compare(original, altered.path)
        let divergence = try #require(diff.divergence)
        #expect(divergence.recordIndex == altered.recordIndex, "the altered input's own record")
        #expect(divergence.time == altered.input.time)
        #expect(divergence.actor == "input market.raw.quotes")
        #expect(divergence.detail == "the inputs differ")
        guard case .quote(let quote) = altered.input.message else { Issue.record("a quote was altered"); return }
        #expect(divergence.b?.contains("\"bid\":\(quote.bidPrice)") == true)
        #expect(divergence.a?.contains("\"bid\":\(quote.bidPrice + 7)") == true)
    }

    /// Two seeds trade differently: the order summary adds up and each side's PnL is the run's.
    @Test func differentRunsSummarizeTheirDecisions() throws {
        let (a, outcomeA) = try ReplayTests.record()
        let pathB = FileManager.default.temporaryDirectory.appendingPathComponent("diff-seed-\(UUID().uuidString).mlog").path
        let scenario = try ScenarioLoader.parse(ReplayTests.scenario, file: "replay-test.yaml")
        let outcomeB = try ScenarioRun(scenario: scenario, options: .init(seed: 99, recording: ScenarioRun.Recording(path: pathB))).run()
        let diff = try LogDiff.compare(a, pathB)
        #expect(!diff.identical)
        #expect(diff.divergence?.recordIndex == 0, "another seed draws another first tick")
        #expect(diff.notes.contains("the seeds differ: 21 vs 99"))
        #expect(diff.a.orders == outcomeA.orders && diff.b.orders == outcomeB.orders)
        #expect(diff.b.orders - diff.a.orders == diff.ordersAdded.count - diff.ordersRemoved.count)
        #expect(diff.a.fills == UInt64(outcomeA.portfolio.fills) && diff.b.fills == UInt64(outcomeB.portfolio.fills))
        #expect(diff.a.pnlMinorUnits == outcomeA.portfolio.profitAndLoss, "PnL from the log alone equals the run's")
        #expect(diff.b.pnlMinorUnits == outcomeB.portfolio.profitAndLoss)
        #expect(diff.pnlDeltaMinorUnits == outcomeB.portfolio.profitAndLoss - outcomeA.portfolio.profitAndLoss)
    }

    @Test func counterfactualWithEmptyOverridesEqualsTheOriginal() throws {
        let (original, outcome) = try ReplayTests.record()
        let overrides = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).yaml")
        try "# no changes\n".write(to: overrides, atomically: true, encoding: .utf8)
        let result = try CounterfactualRun.run(logPath: original, overridesPath: overrides.path)
        #expect(result.diff.identical, "\(String(describing: result.diff.divergence))")
        #expect(result.run.summary.digest == outcome.summary.digest)
        #expect(result.run.summary.decisionDigest == outcome.summary.decisionDigest)
    }

    @Test func counterfactualWithAStricterTraderTradesLess() throws {
        let (original, outcome) = try ReplayTests.record()
        let overrides = FileManager.default.temporaryDirectory.appendingPathComponent("strict-\(UUID().uuidString).yaml")
        try "trader: { min_confidence: 0.95 }\n".write(to: overrides, atomically: true, encoding: .utf8)
        let kept = FileManager.default.temporaryDirectory.appendingPathComponent("strict-\(UUID().uuidString).mlog").path
        let result = try CounterfactualRun.run(logPath: original, overridesPath: overrides.path, recordPath: kept)
        #expect(!result.diff.identical)
        #expect(result.diff.notes.contains("the embedded scenarios differ"))
        #expect(result.diff.b.orders < result.diff.a.orders, "a higher confidence bar sends fewer orders")
        #expect(result.diff.a.orders == outcome.orders)
        #expect(result.diff.ordersRemoved.count > 0)
        #expect(result.diff.a.inputs == result.diff.b.inputs, "the same recorded inputs")
        // The counterfactual's log is a run of its own: it replays bit-for-bit.
        let replay = try ReplayRun(logPath: kept).replay()
        #expect(replay.verified)
    }

    @Test func overridesAreCheckedLikeAScenarioFile() throws {
        let (original, _) = try ReplayTests.record()
        let overrides = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml")
        try "trader:\n  min_confidense: 0.5\n".write(to: overrides, atomically: true, encoding: .utf8)
        do {
            _ = try CounterfactualRun.run(logPath: original, overridesPath: overrides.path)
            Issue.record("an unknown key is an error")
        } catch let error as ScenarioError {
            #expect(error.file == overrides.path)
            #expect(error.line == 2, "\(error)")
            #expect(error.message.contains("min_confidense"))
        }
    }

    // MARK: Stable decision identity (synthetic decision streams whose pairing is known)

    /// A log's records: inputs at the given sequence numbers, each followed by its decisions.
    static func decisions(_ steps: [(sequence: UInt64, decisions: [Message])]) -> LogDecisions {
        var log = LogDecisions(traceIdentity: .inputSequence)
        for (index, step) in steps.enumerated() {
            let time = Timestamp(index + 1) * 1_000_000_000
            log.add(.input(RecordedInput(time: time, sequence: step.sequence, topic: TopicID(rawValue: 0), message: .ping(Ping(value: 0)),
                                         deliveriesBefore: step.sequence, digestFragment: 0)))
            for message in step.decisions { log.add(.decision(RecordedDecision(time: time, source: ActorID(rawValue: 3), message: message))) }
        }
        return log
    }

    static func order(_ trace: UInt64, symbol: SymbolID = 1, quantity: Int64 = 5, orderID: UInt64 = 1) -> Message {
        .order(Order(orderID: orderID, symbol: symbol, side: .sell, quantity: quantity, limitPrice: 10_016, traceID: trace, venue: 0, type: .pegged))
    }

    static func gate(_ trace: UInt64, symbol: SymbolID = 1, outcome: GateDecision.Outcome = .approved) -> Message {
        .gate(GateDecision(symbol: symbol, outcome: outcome, requestedQuantity: 5, approvedQuantity: outcome == .rejected ? 0 : 5, reasons: [],
                           traceID: trace))
    }

    static func fill(_ trace: UInt64, symbol: SymbolID = 1, quantity: Int64 = 5, fillID: UInt64 = 1) -> Message {
        .fill(Fill(orderID: 1, symbol: symbol, side: .sell, quantity: quantity, price: 10_016, feeMinorUnits: 2, isFinal: true, traceID: trace,
                   fillID: fillID))
    }

    /// The issue's case: B scheduled one extra event early, so every later sequence number (and
    /// trace id, and order id) is one higher. The same decisions pair: nothing added, removed or changed.
    @Test func decisionsPairAcrossSequenceNumbersShiftedByAnExtraEvent() {
        typealias T = LogDiffTests
        let a = T.decisions([(10, []), (20, [T.gate(20), T.order(20), T.fill(20)]), (30, [T.gate(30, symbol: 2), T.order(30, symbol: 2, orderID: 2)])])
        let b = T.decisions([(10, []), (21, [T.gate(21), T.order(21, orderID: 2), T.fill(21, fillID: 2)]),
                             (32, [T.gate(32, symbol: 2), T.order(32, symbol: 2, orderID: 3)])])
        let paired = DecisionComparison(a: a, b: b)
        #expect(paired.orders.added.isEmpty && paired.orders.removed.isEmpty && paired.orders.changed.isEmpty)
        #expect(paired.orders.unchanged == 2)
        #expect(paired.gateDecisions.added.isEmpty && paired.gateDecisions.removed.isEmpty && paired.gateDecisions.changed.isEmpty)
        #expect(paired.gateDecisions.unchanged == 2)
        #expect(paired.fills.added.isEmpty && paired.fills.removed.isEmpty && paired.fills.changed.isEmpty)
        #expect(paired.fills.unchanged == 1)
    }

    /// Planted differences on shifted streams: exactly the planted ones are found, each once.
    @Test func plantedDifferencesAreFoundExactlyAcrossAShift() throws {
        typealias T = LogDiffTests
        let a = T.decisions([(10, [T.gate(10)]), (20, [T.gate(20), T.order(20), T.fill(20)]), (30, [T.order(30, symbol: 2), T.fill(30, symbol: 2)]),
                             (40, [T.gate(40, symbol: 3)])])
        let b = T.decisions([(10, [T.gate(10, outcome: .rejected)]),                                // changed gate
                             (25, [T.gate(25), T.order(25), T.order(25, quantity: 3), T.fill(25)]), // a second order: added
                             (37, [T.order(37, symbol: 2, quantity: 4)]),                           // changed order, fill removed
                             (48, [T.gate(48, symbol: 3), T.fill(48, symbol: 3)])])                // added fill
        let paired = DecisionComparison(a: a, b: b)
        #expect(paired.orders.unchanged == 1)
        #expect(paired.orders.added.map(\.quantity) == [3] && paired.orders.addedKeys.first?.key == DecisionKey(inputOrdinal: 2, stage: .order, symbol: 1, rank: 1))
        #expect(paired.orders.removed.isEmpty)
        let changed = try #require(paired.orders.changed.first)
        #expect(paired.orders.changed.count == 1 && changed.a.quantity == 5 && changed.b.quantity == 4)
        #expect(changed.key == DecisionKey(inputOrdinal: 3, stage: .order, symbol: 2, rank: 0))
        #expect(paired.gateDecisions.changed.map(\.key) == [DecisionKey(inputOrdinal: 1, stage: .gate, symbol: 1, rank: 0)])
        #expect(paired.gateDecisions.unchanged == 2 && paired.gateDecisions.added.isEmpty && paired.gateDecisions.removed.isEmpty)
        #expect(paired.fills.removedKeys.map(\.key) == [DecisionKey(inputOrdinal: 3, stage: .fill, symbol: 2, rank: 0)])
        #expect(paired.fills.addedKeys.map(\.key) == [DecisionKey(inputOrdinal: 4, stage: .fill, symbol: 3, rank: 0)])
        #expect(paired.fills.unchanged == 1 && paired.fills.changed.isEmpty)
    }

    /// A trace id is the sequence number of an input; one that is no input's (an id a component
    /// drew itself) names the last input admitted before it.
    @Test func aTraceIdNamesItsInputsOrdinal() {
        let log = LogDiffTests.decisions([(10, []), (20, []), (30, [])])
        #expect(log.inputOrdinal(ofTrace: 10) == 1)
        #expect(log.inputOrdinal(ofTrace: 30) == 3)
        #expect(log.inputOrdinal(ofTrace: 25) == 2)
        #expect(log.inputOrdinal(ofTrace: 5) == 0)
        #expect(log.inputOrdinal(ofTrace: 1_000) == 3)
    }

    /// From format 4 on a trace id is the input's ordinal: nothing is worked out, nothing is kept.
    @Test func anOrdinalTraceIdIsItsInputsOrdinal() {
        var log = LogDecisions(traceIdentity: .inputOrdinal)
        log.add(.input(RecordedInput(time: 1, sequence: 40, topic: TopicID(rawValue: 0), message: .ping(Ping(value: 0)),
                                     deliveriesBefore: 0, digestFragment: 0)))
        #expect(log.inputOrdinal(ofTrace: 1) == 1)
        #expect(log.inputOrdinal(ofTrace: 0) == 0)
        #expect(log.inputOrdinal(ofTrace: 7) == 7)
    }

    /// A changed count counts pairs: it never exceeds either log's total, however much differs.
    @Test func aChangedCountNeverExceedsTheTotal() {
        typealias T = LogDiffTests
        let a = T.decisions((0..<50).map { (UInt64($0) * 10, [T.gate(UInt64($0) * 10)]) })
        let b = T.decisions((0..<51).map { (UInt64($0) * 10 + 3, [T.gate(UInt64($0) * 10 + 3, outcome: .rejected)]) })
        let paired = DecisionComparison(a: a, b: b)
        #expect(paired.gateDecisions.changed.count == 50)
        #expect(paired.gateDecisions.added.count == 1)
        #expect(paired.gateDecisions.removed.isEmpty)
    }

    @Test func namedListItemsMergeByName() throws {
        let base = """
            version: 1
            name: merge-test
            start: 2024-03-01T14:30:00Z
            duration: 1h
            universe:
              - symbol: AAA
            feeds:
              - { name: quotes, type: gbm, interval: 1s, initial_price: 100.00 }
            agents:
              - { name: fast, type: ema-cross, weight: 0.6, fast: 4, slow: 16 }
              - { name: slow, type: ema-cross, weight: 0.4, fast: 16, slow: 64 }
            """
        let (scenario, _) = try ScenarioOverrides.apply(overrides: "agents:\n  - { name: slow, weight: 0.9 }\n", file: "o.yaml", to: base, baseFile: "base.yaml")
        #expect(scenario.agents.map(\.name) == ["fast", "slow"], "the list keeps both agents in order")
        #expect(scenario.agents.map(\.weight) == [0.6, 0.9])
    }
}
