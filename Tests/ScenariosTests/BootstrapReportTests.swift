import Actors
import Kernel
import Messages
import Scenarios
import Testing

/// `metrics.bootstrap` / `run --bootstrap N` on a real run (docs/metrics.md, "Intervals"): the
/// intervals appear in the report, bracket the run's own figures, are the same on every run, and
/// change nothing the run decides.
@Suite struct BootstrapReportTests {
    static func sp500(bootstrap: Int) throws -> RunOutcome {
        var scenario = try ScenarioLoader.load(path: "Scenarios/Library/sp500-2008.yaml")
        scenario.metrics.bootstrapResamples = bootstrap
        return try ScenarioRun(scenario: scenario).run()
    }

    @Test func intervalsBracketTheRunsFiguresAndChangeNothingElse() throws {
        let plain = try Self.sp500(bootstrap: 0)
        let first = try Self.sp500(bootstrap: 300)
        let second = try Self.sp500(bootstrap: 300)
        #expect(plain.trading.bootstrap == nil)
        let bootstrap = try #require(first.trading.bootstrap)
        #expect(first.trading.bootstrap == second.trading.bootstrap)
        #expect(first.summary.digest == plain.summary.digest)
        #expect(bootstrap.resamples == 300 && bootstrap.confidence == 0.95)
        let sharpe = try #require(bootstrap.sharpe), run = try #require(first.trading.sharpe)
        #expect(sharpe[0] < run && run < sharpe[1])
        let pnl = try #require(bootstrap.pnl).map { Double($0)! }, runPnL = Double(first.trading.pnl)!
        #expect(pnl[0] < runPnL && runPnL < pnl[1])
        var withoutBootstrap = first.trading
        withoutBootstrap.bootstrap = nil
        #expect(withoutBootstrap == plain.trading)
    }
}
