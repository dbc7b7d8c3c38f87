import Actors
import Kernel
import Messages
import Scenarios
import Testing

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

    /// The same on the full pipeline, where the sizer and the selector both record decisions and
    /// the router slices orders (sp500-2008: 1,046 fills over 769 daily inputs): a history taken
    /// every input or every 7 reports what one taken only at the end does.
    @Test func theFullPipelinesReportIsTheSameHoweverOftenTheHistoryIsTaken() throws {
        let scenario = try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve("sp500-2008")))
        var outcomes: [RunOutcome] = []
        for interval: UInt64 in [1, 7, .max] {
            var options = ScenarioRun.Options()
            options.historyTakeIntervalInputs = interval
            let run = try ScenarioRun(scenario: scenario, options: options)
            #expect(run.execution?.sizer != nil && run.selector != nil, "two decision sources")
            outcomes.append(try run.run())
        }
        let once = try #require(outcomes.last)
        #expect(once.portfolio.fills > 1_000 && once.attribution.byAgentMinorUnits.filter { $0 != 0 }.count >= 3)
        #expect(once.attribution.totalMinorUnits == once.portfolio.profitAndLoss)
        for taken in outcomes {
            #expect(taken.attribution == once.attribution)
            #expect(taken.series.fills.points == once.series.fills.points)
        }
    }
}
