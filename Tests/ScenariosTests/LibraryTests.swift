import Kernel
import Scenarios
import Testing

/// Every scenario of the library validates, runs (its first 15 minutes), and reports consistently.
@Suite struct LibraryTests {
    static let names = ["calm-day", "correlated-sectors", "flash-crash", "mean-reverting-day", "news-shock", "one-strategy",
                        "regime-shift", "stress-100", "trending-day", "venue-outage"]

    @Test func theLibraryHoldsTheDocumentedScenarios() {
        let found = ScenarioLocator.library().map { path in String(path.split(separator: "/").last!.dropLast(5)) }
        #expect(found.sorted() == LibraryTests.names, "library: \(found.sorted())")
    }

    @Test(arguments: LibraryTests.names)
    func everyScenarioRuns(name: String) throws {
        let path = try #require(ScenarioLocator.resolve(name))
        let scenario = try ScenarioLoader.load(path: path)
        #expect(scenario.name == name, "the file's name: matches its file name")
        #expect(!scenario.description.isEmpty)
        let outcome = try ScenarioRun(scenario: scenario, options: .init(until: scenario.startTime + 900_000_000_000)).run()
        #expect(outcome.summary.inputs > 1_000, "\(name): \(outcome.summary.inputs) inputs")
        #expect([.endTime, .exhausted].contains(outcome.summary.stopReason), "stopped by the --until time or out of inputs")
        let report = RunReport(outcome)
        #expect(report.fills <= report.orders * 1_000 && report.digest.count == 16 && report.decision_digest.count == 16)
        #expect(outcome.trading.final_equity == DecimalText.format(outcome.portfolio.equity, precision: 2), "\(name): one equity")
    }
}
