import Actors
import Kernel
import Messages
import Scenarios
import Testing

/// The instrument and fee keys of a scenario as markets write them (issue 22 item 3): exact
/// decimals with zeros past the precision, decimal and per-contract fees, contract multipliers,
/// an instrument currency with its rate; each with its loader error.
@Suite struct InstrumentLoaderTests {
    static let base = ScenarioLoaderTests.valid

    func error(_ text: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.parse(text, file: "s.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func zerosPastThePrecisionAreAccepted() throws {
        let scenario = try ScenarioLoader.parse(Self.base.replacingOccurrences(of: "100.05", with: "100.0500"), file: "s.yaml")
        guard case .gbm(let feed) = scenario.feeds[0].kind else { Issue.record("gbm"); return }
        #expect(feed.initialPrices == [10_005])
        let problem = try #require(error(Self.base.replacingOccurrences(of: "100.05", with: "100.0501")))
        #expect(problem.line == 12)
        #expect(problem.message == "feeds[0].initial_price must be a decimal number with at most 2 decimals (zeros past them are fine), found '100.0501'")
    }
}
