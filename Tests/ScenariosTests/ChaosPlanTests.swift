import Actors
import Foundation
import Kernel
import Messages
import Scenarios
import Testing

@Suite struct ChaosPlanTests {
    static func scenario(chaos: String) throws -> Scenario {
        try ScenarioLoader.parse(ReplayTests.scenario + "\nchaos:\n" + chaos, file: "chaos-test.yaml")
    }

    @Test func aSeedDrawsTheSamePlanEveryTimeAndAnotherSeedAnother() throws {
        let scenario = try ChaosPlanTests.scenario(chaos: "  events: 8\n  from: 5m\n  until: 30m\n")
        let settings = try #require(scenario.chaos)
        let first = ChaosPlan.draw(settings: settings, scenario: scenario, seed: 7)
        #expect(first == ChaosPlan.draw(settings: settings, scenario: scenario, seed: 7))
        #expect(first != ChaosPlan.draw(settings: settings, scenario: scenario, seed: 8))
        #expect(first.faults.count == 8)
        for fault in first.faults {
            #expect(fault.start_ns >= 5 * 60_000_000_000 && fault.start_ns < 30 * 60_000_000_000, "starts in the window")
            #expect(fault.kind != nil)
            #expect(fault.kind.map { $0.magnitudeRange.contains(fault.magnitude) || $0.magnitudeRange.lowerBound == $0.magnitudeRange.upperBound } == true)
        }
        #expect(first.faults.map(\.start_ns) == first.faults.map(\.start_ns).sorted(), "in time order")
    }

    @Test func swarmTestingSwitchesFaultsOffPerSeed() throws {
        let scenario = try ChaosPlanTests.scenario(chaos: "  events: 40\n")
        let settings = try #require(scenario.chaos)
        var kindsPerSeed: [Int] = []
        for seed in 1...10 as ClosedRange<UInt64> {
            kindsPerSeed.append(Set(ChaosPlan.draw(settings: settings, scenario: scenario, seed: seed).faults.map(\.fault)).count)
        }
        #expect(kindsPerSeed.allSatisfy { $0 < FaultKind.allCases.count }, "each seed runs only some faults: \(kindsPerSeed)")
        #expect(Set(kindsPerSeed).count > 1, "different seeds switch different faults on")
    }

    @Test func planEventsAreStartAndStopInputs() throws {
        let plan = ChaosPlan(seed: 1, faults: [ChaosPlan.Fault(fault: "feed_gap", start_ns: 10, duration_ns: 5, target: nil, magnitude: 0, parameter: 0),
                                               ChaosPlan.Fault(fault: "gate_kill_switch", start_ns: 15, duration_ns: 5, target: nil, magnitude: 0, parameter: 0)])
        let records = plan.inputRecords(start: 1_000, topic: TopicID(rawValue: 3))
        let phases: [(Timestamp, FaultEvent.Phase)] = records.compactMap {
            guard case .fault(let event) = $0.message else { return nil }
            return ($0.time, event.phase)
        }
        #expect(phases.map(\.0) == [1_010, 1_015, 1_015, 1_020])
        #expect(phases.map(\.1) == [.start, .stop, .start, .stop], "at equal times the stop comes first")
    }

    @Test func unknownFaultsInTheChaosSectionAreErrorsWithTheCatalog() throws {
        do {
            _ = try ChaosPlanTests.scenario(chaos: "  faults: [feed_gap, venue_fire]\n")
            Issue.record("an unknown fault is an error")
        } catch let error as ScenarioError {
            #expect(error.message.contains("unknown fault 'venue_fire'"))
            #expect(error.hint?.contains("feed_gap") == true)
        }
    }

    @Test func theCatalogHasAtLeast25FaultsAcrossEveryComponent() {
        #expect(FaultKind.allCases.count >= 25)
        #expect(Set(FaultKind.allCases.map(\.component)) == ["feed", "agent", "blender", "selector", "sizer", "gate", "router", "broker", "kernel"])
        #expect(Set(FaultKind.allCases.map(\.name)).count == FaultKind.allCases.count, "names are unique")
    }

    /// A chaos run's log replays bit-for-bit: the plan is in it as inputs.
    @Test func aChaosRunReplaysBitForBit() throws {
        let scenario = try ChaosPlanTests.scenario(chaos: "  events: 12\n  from: 2m\n  until: 30m\n  min_duration: 30s\n  max_duration: 3m\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chaos-\(UUID().uuidString).mlog").path
        let result = try ChaosRun.run(scenario: scenario, seed: 5, recordPath: path)
        #expect(!result.faults_fired.isEmpty)
        let replay = try ReplayRun(logPath: path).replay()
        #expect(replay.verified, "\(String(describing: replay.divergence))")
    }
}
