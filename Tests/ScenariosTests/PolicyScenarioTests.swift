import Actors
import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// The `policy:` section: how it is read, what a bad one says, and that a run whose actions came
/// from outside the scenario replays from its log alone.
@Suite struct PolicyScenarioTests {
    static let path = ScenarioLocator.resolve("policy-sp500")!

    /// The library scenario with `old` replaced by `new`, read as if it were the library file.
    /// (Each call reads its own copy and edits it with the standard library's algorithms:
    /// Foundation's bridged string search is not safe on one string from tests running in parallel.)
    static func variant(_ old: String, _ new: String) throws(ScenarioError) -> Scenario {
        let source = try! String(contentsOfFile: path, encoding: .utf8)
        precondition(!source.ranges(of: old).isEmpty, "the library scenario has \(old)")
        return try ScenarioLoader.parse(source.replacing(old, with: new), file: path)
    }

    /// Always long at half size, with no stop or take-profit.
    final class AlwaysLong: PolicyDecider, @unchecked Sendable {
        var decisions = 0
        func decide(_ observation: PolicyObservation) -> PolicyChoice {
            decisions += 1
            return PolicyChoice(direction: 1, sizeIndex: 1)
        }
        func finish(_ observation: PolicyObservation) {}
    }

    @Test func theLibraryScenarioReadsAsWritten() throws {
        let policy = try #require(try ScenarioLoader.load(path: Self.path).execution?.policy)
        #expect(policy.decisionIntervalNanoseconds == 86_400_000_000_000)
        #expect(policy.maximumLots == 60 && policy.sizeFractions == [0.25, 0.5, 0.75, 1])
        #expect(policy.stopMultiples == [0, 1, 2, 3] && policy.takeProfitMultiples == [0, 1, 2, 4])
        #expect(policy.reward == PolicyReward(logReturn: 1, drawdown: 0.5, trade: 0.0001, holding: 0, cost: 1))
        #expect(policy.decider == .random && policy.featureCount == 18)
    }

    @Test func aBadPolicySectionIsNamedWhereItIs() {
        let cases: [(old: String, new: String, message: String)] = [
            ("symbol: SPX\n  decision", "symbol: SPY\n  decision", "policy.symbol 'SPY' is not in the universe"),
            ("decider: random", "decider: psychic", "policy.decider 'psychic' is not a decider"),
            ("size_fractions: [0.25, 0.5, 0.75, 1.0]", "size_fractions: []", "policy.size_fractions has 0 choices"),
            ("stop_multiples: [0, 1, 2, 3]", "stop_multiples: [0, -1]", "policy.stop_multiples[1]"),
            ("reward: { log_return: 1.0,", "reward: { log_returns: 1.0,", "log_returns"),
            ("policy:\n", "sizer: {}\npolicy:\n", "a scenario has either a sizer: or a policy: section, not both"),
        ]
        for (old, new, message) in cases {
            #expect(throws: ScenarioError.self) { try Self.variant(old, new) }
            do {
                _ = try Self.variant(old, new)
            } catch {
                #expect(error.message.contains(message), "\(new): \(error.message)")
                #expect(error.line > 0 && error.column > 0, "\(new): located")
            }
        }
    }

    @Test func anExternalPolicyNeedsItsDecider() throws {
        let scenario = try Self.variant("decider: random", "decider: external")
        #expect(throws: ExternalPolicyRequired.self) { try ScenarioRun(scenario: scenario) }
        let decider = AlwaysLong()
        let outcome = try ScenarioRun(scenario: scenario, options: ScenarioRun.Options(until: scenario.startTime + 30 * 86_400_000_000_000),
                                      policyDecider: decider).run()
        // 2005-01-03 to 2005-02-01: 21 trading days (17 January a holiday), each decided at the next midnight.
        #expect(decider.decisions == 21 && outcome.policy?.decisions == 21)
        #expect(outcome.portfolio.positions == [30], "long half of 60 lots")
    }

    /// The replay takes the actions from the log: a run decided by a caller the replay does not
    /// have (here a Swift class, in the environment a Python policy) verifies.
    @Test func aRunWithAnOutsideDeciderReplaysFromItsLog() throws {
        let scenario = try Self.variant("decider: random", "decider: external")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).mlog").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let options = ScenarioRun.Options(until: scenario.startTime + 60 * 86_400_000_000_000, recording: ScenarioRun.Recording(path: log))
        let recorded = try ScenarioRun(scenario: scenario, options: options, policyDecider: AlwaysLong()).run()
        let replay = try ReplayRun(logPath: log).replay()
        #expect(replay.verified, "\(String(describing: replay.divergence))")
        #expect(replay.run.summary.digest == recorded.summary.digest)
        #expect(replay.run.policy?.decisions == recorded.policy?.decisions)
    }

    /// A package's decider type: named by `policy.decider`, its parameters read strictly, its
    /// name and version in the build identity.
    @Test func aRegisteredDeciderDecidesWithItsParameters() throws {
        var registry = ComponentRegistry()
        registry.registerPolicy(type: "always-long", version: 3, parameters: ["size"]) { parameters, policy, _ throws(ScenarioError) in
            let size = try parameters.integer("size", default: 0, range: 0...(policy.sizeFractions.count - 1))
            return SizedLong(sizeIndex: size)
        }
        try ComponentRegistry.$scoped.withValue(registry) {
            let scenario = try Self.variant("decider: random", "decider: always-long\n  decider_parameters: { size: 3 }")
            #expect(scenario.execution?.registeredPolicy?.type == "always-long")
            let outcome = try ScenarioRun(scenario: scenario, options: ScenarioRun.Options(until: scenario.startTime + 10 * 86_400_000_000_000)).run()
            #expect(outcome.portfolio.positions == [60], "long the whole 60 lots, as size index 3 says")
            #expect(BuildIdentity.text.hasSuffix("; components: always-long@3"))
            let refused = #expect(throws: ScenarioError.self) {
                try Self.variant("decider: random", "decider: always-long\n  decider_parameters: { size: 4 }")
            }
            #expect(refused?.message.contains("policy.decider_parameters.size must be between 0 and 3, found 4") == true)
            #expect(refused?.line == 42, "the value's line")
            #expect(throws: ScenarioError.self) { try Self.variant("decider: random", "decider: always-long\n  decider_parameters: { sise: 1 }") }
        }
        #expect(throws: ScenarioError.self, "without the registry the name is unknown") { try Self.variant("decider: random", "decider: always-long") }
    }

    final class SizedLong: PolicyDecider, @unchecked Sendable {
        let sizeIndex: Int
        init(sizeIndex: Int) { self.sizeIndex = sizeIndex }
        func decide(_ observation: PolicyObservation) -> PolicyChoice { PolicyChoice(direction: 1, sizeIndex: sizeIndex) }
        func finish(_ observation: PolicyObservation) {}
    }
}
