import Kernel
import Messages
import Scenarios
import Testing

@Suite struct ScenarioRunTests {
    static let text = """
        version: 1
        name: small
        seed: 5
        start: 2024-03-01T14:30:00Z
        duration: 30m
        account:
          initial_cash: 500.00
        universe:
          - symbol: AAA
          - symbol: BBB
            price_precision: 3
        feeds:
          - type: gbm
            interval: 100ms
            volatility: 0.4
            initial_price: 50.00
        agents:
          - type: ema-cross
            fast: 5
            slow: 20
        trader:
          quantity: 2
          min_confidence: 0.1
        """

    func run(seed: UInt64? = nil) throws -> RunOutcome {
        let scenario = try ScenarioLoader.parse(ScenarioRunTests.text, file: "small.yaml")
        return try ScenarioRun(scenario: scenario, options: .init(seed: seed)).run()
    }

    @Test func pipelineTradesAndBooksConsistently() throws {
        let outcome = try run()
        #expect(outcome.summary.inputs == 2 * (30 * 60 * 10 - 1), "two symbols, 10 quotes a second, 30 minutes; the last pair arrives (latency) after the end")
        #expect(outcome.orders > 0)
        #expect(outcome.portfolio.fills >= outcome.orders, "market orders fill, some in pieces against the displayed size")
        #expect(outcome.trading.rejects.isEmpty)
        #expect(outcome.portfolio.positions.allSatisfy { abs($0) <= 2 }, "the trader never exceeds its target")
        #expect(outcome.portfolio.fees > 0)
        #expect(outcome.portfolio.maximumDrawdown >= 0)
    }

    @Test func sameSeedSameDigestsOtherSeedOtherDigests() throws {
        let first = try run()
        let second = try run()
        #expect(first.summary.digest == second.summary.digest)
        #expect(first.summary.decisionDigest == second.summary.decisionDigest)
        let other = try run(seed: 6)
        #expect(other.summary.digest != first.summary.digest)
        #expect(other.summary.decisionDigest != first.summary.decisionDigest)
    }

    @Test func reportHasTheDocumentedFields() throws {
        let report = RunReport(try run())
        let json = String(decoding: try report.json(), as: UTF8.self)
        for field in ["scenario", "seed", "events", "wall_seconds", "events_per_second", "digest", "decision_digest"] {
            #expect(json.contains("\"\(field)\""), "field \(field)")
        }
        #expect(report.digest.count == 16 && report.decision_digest.count == 16)
    }

    /// `universe[].venues` with the simple trader: BBB trades only on the second venue, and the
    /// trader sends it there — no symbol_not_listed reject, and BBB fills.
    @Test func theSimpleTraderSendsARestrictedSymbolToAVenueThatListsIt() throws {
        let text = ScenarioRunTests.text.replacingOccurrences(of: "  - symbol: BBB\n", with: "  - symbol: BBB\n    venues: [dark]\n")
            + "\nbroker:\n  venues:\n    - { name: lit }\n    - { name: dark }\n"
        let scenario = try ScenarioLoader.parse(text, file: "venues.yaml")
        let outcome = try ScenarioRun(scenario: scenario).run()
        #expect(outcome.orders > 0)
        #expect(outcome.trading.rejects.isEmpty, "rejects: \(outcome.trading.rejects)")
        #expect(outcome.series.fills.points.contains { $0.symbol == 1 } && outcome.series.fills.points.contains { $0.symbol == 0 })
    }
}
