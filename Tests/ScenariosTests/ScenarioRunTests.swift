import Actors
import Kernel
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

/// The run's history (``RunHistory``) takes the report's records out of the components as the run
/// goes; how often it does must never show in the report.
@Suite struct RunHistoryTests {
    @Test func theReportIsTheSameHoweverOftenTheHistoryIsTaken() throws {
        let scenario = try ScenarioLoader.parse(ScenarioRunTests.text, file: "small.yaml")
        var outcomes: [RunOutcome] = []
        for interval: UInt64 in [1, 7, 1_000, .max] {
            var options = ScenarioRun.Options()
            options.historyTakeIntervalInputs = interval
            let run = try ScenarioRun(scenario: scenario, options: options)
            outcomes.append(try run.run())
            // Everything was taken: nothing is left to pile up in the components.
            #expect(run.portfolio.assumeIsolated { $0.fillPoints.isEmpty })
            #expect(try #require(run.trader).assumeIsolated { $0.decisionShares.isEmpty })
        }
        let reference = try #require(outcomes.last)
        #expect(reference.portfolio.fills > 20 && reference.attribution.totalMinorUnits == reference.portfolio.profitAndLoss)
        #expect(reference.attribution.byAgentMinorUnits[0] != 0, "the one agent is behind the trades")
        for outcome in outcomes {
            #expect(outcome.attribution == reference.attribution)
            #expect(outcome.series.fills.points == reference.series.fills.points)
            #expect(outcome.series.fills.countsBySymbol == reference.series.fills.countsBySymbol)
            #expect(outcome.summary.digest == reference.summary.digest)
        }
    }
}

/// Watches the components' report buffers at every admission: the most fills and decision
/// records they held at once.
private final class BufferWatch: InputObserver {
    let portfolio: Portfolio
    let trader: SignalTrader
    var mostFills = 0
    var mostDecisions = 0

    init(portfolio: Portfolio, trader: SignalTrader) {
        self.portfolio = portfolio
        self.trader = trader
    }

    func kernel(_ kernel: Kernel, admitted input: AdmittedInput) {
        mostFills = max(mostFills, portfolio.assumeIsolated { $0.fillPoints.count })
        mostDecisions = max(mostDecisions, trader.assumeIsolated { $0.decisionShares.count })
    }
}

extension RunHistoryTests {
    /// The buffers are emptied while the run goes, not only at its end: what they hold at any
    /// moment is one take's worth, however long the run.
    @Test func theBuffersNeverHoldMoreThanOneTakesWorth() throws {
        let scenario = try ScenarioLoader.parse(ScenarioRunTests.text, file: "small.yaml")
        var options = ScenarioRun.Options()
        options.historyTakeIntervalInputs = 500
        let run = try ScenarioRun(scenario: scenario, options: options)
        let watch = BufferWatch(portfolio: run.portfolio, trader: try #require(run.trader))
        run.kernel.addObserver(watch)
        let outcome = try run.run()
        #expect(outcome.portfolio.fills > 40)
        #expect(watch.mostFills * 4 < outcome.portfolio.fills, "at most \(watch.mostFills) of \(outcome.portfolio.fills) fills held at once")
        #expect(watch.mostDecisions * 4 < outcome.orders, "at most \(watch.mostDecisions) of \(outcome.orders) decisions held at once")
    }
}
