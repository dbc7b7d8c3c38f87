import Actors
import Foundation
import Kernel
import Messages
import Testing
@testable import ScenarioChaos
@testable import ScenarioFaults
import Scenarios

/// A chaos run's log carries everything its replay needs (docs/chaos.md, "Replaying a failure"),
/// and `--until` keeps every planned fault inside the run.
@Suite struct ChaosReplayTests {
    static let minute: UInt64 = 60_000_000_000

    static func temporaryLog() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("chaos-replay-\(UUID().uuidString).mlog").path
    }

    /// The replay test's 40-minute scenario, which has no chaos: section.
    static func plainScenario() throws -> Scenario {
        try ScenarioLoader.parse(ReplayTests.scenario, file: "replay-test.yaml")
    }

    @Test func aChaosRunOfAScenarioWithoutAChaosSectionRecordsTheSettingsItDrewWith() throws {
        let scenario = try ChaosReplayTests.plainScenario()
        #expect(scenario.chaos == nil)
        let path = ChaosReplayTests.temporaryLog()
        let result = try ChaosRun.run(scenario: scenario, seed: 3, only: [.brokerDuplicateReport, .brokerDelayedAck], recordPath: path)
        let recorded = try ScenarioLoader.parse(try JournalReader(path: path).header.scenarioText, file: "embedded")
        // The defaults, their window (10m..4h) clipped to the 40-minute run.
        var expected = ChaosSettings()
        expected.windowEndNanoseconds = 40 * ChaosReplayTests.minute
        #expect(recorded.chaos == expected)
        #expect(result.faults_ran == result.plan.faults.count)
        let replay = try ReplayRun(logPath: path).replay()
        #expect(replay.verified, "\(String(describing: replay.divergence))")
        #expect(replay.run.summary.inputs == replay.inputsChecked)
    }

    /// The planted bug is on in the recording only: the replay takes it from the log, finds the
    /// same decisions, and an oracle watching the replay sees the same violation.
    @Test func thePlantedBugIsRecordedAndTheReplayReproducesItsFailure() throws {
        let scenario = try ScenarioLoader.parse(ReplayTests.scenario + """

            chaos:
              faults: [broker_duplicate_report]
              events: 4
              from: 1m
              until: 20m
              min_duration: 10m
              max_duration: 15m
              planted_bug: duplicate-fills

            """, file: "planted.yaml")
        let path = ChaosReplayTests.temporaryLog()
        let result = try ChaosRun.run(scenario: scenario, seed: 2, recordPath: path)
        let violation = try #require(result.violations.first, "the planted bug is caught")
        #expect([.positionsMatchFills, .cashConserved].contains(violation.invariant))

        let verified = try ReplayRun(logPath: path).replay()
        #expect(verified.verified, "\(String(describing: verified.divergence))")

        let watched = try ReplayRun(logPath: path)
        let settings = try #require(watched.scenario.chaos)
        #expect(settings.plantedBug == .duplicateFills)
        let oracle = InvariantOracle(scenario: watched.scenario, settings: settings, portfolio: try #require(watched.run.kernel.actorID(named: "portfolio")))
        watched.run.kernel.addObserver(oracle)
        watched.run.kernel.deliveryObserver = oracle
        let outcome = try watched.replay()
        oracle.finish(endTime: outcome.run.summary.endTime)
        #expect(oracle.violations.first == violation)
    }

    /// A log recorded before chaos runs wrote their settings into the scenario still names the
    /// faults topic among its topics: its replay gets the interceptor back from that.
    @Test func aReplayOfALogNamingTheFaultsTopicGetsTheInterceptorBack() throws {
        let scenario = try ChaosReplayTests.plainScenario()
        let options = ScenarioRun.Options(mode: .replay)
        let withTopic = try ScenarioRun(scenario: scenario, options: options, inputs: .deferred { kernel in
            _ = kernel.topic(named: ChaosWiring.faultsTopic)
            return ArrayInputSource([])
        })
        #expect(withTopic.chaos != nil)
        let without = try ScenarioRun(scenario: scenario, options: options, inputs: .deferred { _ in ArrayInputSource([]) })
        #expect(without.chaos == nil, "a plain replay has no interceptor")
    }

    @Test func untilClipsTheFaultWindowSoEveryPlannedFaultRuns() throws {
        let scenario = try ChaosReplayTests.plainScenario()
        let until = scenario.startTime + 15 * ChaosReplayTests.minute
        let result = try ChaosRun.run(scenario: scenario, seed: 11, until: until)
        #expect(result.plan.faults.count == ChaosSettings().events)
        #expect(result.plan.faults.allSatisfy { $0.start_ns >= 10 * ChaosReplayTests.minute && $0.start_ns < 15 * ChaosReplayTests.minute },
                "inside 10m (the default window's start) .. 15m (--until)")
        #expect(result.faults_ran == result.plan.faults.count)
    }

    @Test func aWindowWhollyAfterTheRunsEndBecomesTheWholeRun() {
        let settings = ChaosSettings(windowStartNanoseconds: 3 * 60 * ChaosReplayTests.minute, windowEndNanoseconds: 4 * 60 * ChaosReplayTests.minute)
        let clipped = settings.clipped(toRunNanoseconds: 2 * 60 * ChaosReplayTests.minute)
        #expect(clipped.windowStartNanoseconds == 0)
        #expect(clipped.windowEndNanoseconds == 2 * 60 * ChaosReplayTests.minute)
        let inside = ChaosSettings().clipped(toRunNanoseconds: 2 * 60 * ChaosReplayTests.minute)
        #expect(inside.windowStartNanoseconds == 10 * ChaosReplayTests.minute, "a start inside the run is kept")
        #expect(inside.windowEndNanoseconds == 2 * 60 * ChaosReplayTests.minute)
    }

    @Test func thePlantedBugGoesFirstInABlockStyleChaosSectionAndTheRestStaysByteForByte() throws {
        let source = ReplayTests.scenario + "\nchaos:\n    events: 3   # few\n    swarm: false\n# end\n"
        let scenario = try ScenarioLoader.parse(source, file: "block.yaml")
        let text = try ChaosScenarioText.recorded(scenario: scenario, settings: ChaosSettings(), plantedBug: .duplicateFills)
        #expect(text == ReplayTests.scenario + "\nchaos:\n    planted_bug: duplicate-fills\n    events: 3   # few\n    swarm: false\n# end\n")
    }

    @Test func thePlantedBugGoesInsideAFlowStyleChaosSection() throws {
        let source = ReplayTests.scenario + "\nchaos: {events: 3, swarm: false}\n"
        let scenario = try ScenarioLoader.parse(source, file: "flow.yaml")
        let text = try ChaosScenarioText.recorded(scenario: scenario, settings: ChaosSettings(), plantedBug: .duplicateFills)
        #expect(text == ReplayTests.scenario + "\nchaos: { planted_bug: duplicate-fills, events: 3, swarm: false}\n")
    }

    @Test func aScenarioThatSaysEverythingIsRecordedUnchanged() throws {
        let source = ReplayTests.scenario + "\nchaos:\n  events: 3\n"
        let scenario = try ScenarioLoader.parse(source, file: "complete.yaml")
        #expect(try ChaosScenarioText.recorded(scenario: scenario, settings: ChaosSettings(), plantedBug: nil) == source)
    }

    @Test func anUnknownPlantedBugIsAnErrorNamingTheLine() throws {
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.parse(ReplayTests.scenario + "\nchaos:\n  planted_bug: lost-fills\n", file: "bad.yaml")
        }
        #expect(error?.line == ReplayTests.scenario.split(separator: "\n").count + 2, "the planted_bug line")
        #expect(error?.message.contains("unknown bug 'lost-fills'") == true, "\(String(describing: error))")
    }

    /// one-strategy's seed 100, cut at 15 minutes, ends inside a dropped broker session that began
    /// at 14:41:19: the fill of an order sent at 14:41:35 is held with it. The order is not lost —
    /// the run ended before the session came back — so the oracle does not call it one.
    @Test func anOrderSentDuringFaultsStillActiveAtTheEndIsNotCalledLost() throws {
        let scenario = try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve("one-strategy")))
        let result = try ChaosRun.run(scenario: scenario, seed: 100, until: scenario.startTime + 15 * ChaosReplayTests.minute)
        #expect(result.plan.faults.contains { $0.kind == .brokerSessionDrop }, "the plan this test was written for")
        #expect(result.violations.isEmpty, "\(result.violations)")
    }
}
