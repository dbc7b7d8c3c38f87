import Foundation
import Kernel
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
