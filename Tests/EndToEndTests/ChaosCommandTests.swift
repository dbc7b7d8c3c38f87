import Foundation
import Testing

/// `metronome chaos` as a user runs it, including the self-test: a planted bug must be caught
/// and its plan shrunk to at most three faults.
@Suite(.serialized) struct ChaosCommandTests {
    /// one-strategy (fast: one symbol, a trader on every crossover) with a chaos section; the
    /// shard and merge tests run the same suite.
    static func scenario(in directory: URL) throws -> URL {
        let library = CommandRunner.repositoryRoot.appendingPathComponent("Scenarios/Library/one-strategy.yaml")
        var text = try String(contentsOf: library, encoding: .utf8)
        text += """

            chaos:
              faults: [broker_duplicate_report, feed_gap, feed_clock_skew, agent_missed_deadline, broker_delayed_ack, kernel_event_burst]
              swarm: false
              events: 6
              from: 10m
              until: 1h30m
              min_duration: 5m
              max_duration: 20m

            """
        let url = directory.appendingPathComponent("chaos-one.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func plantedDuplicateFillBugIsCaughtAndShrunkToAtMostThreeFaults() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let file = try ChaosCommandTests.scenario(in: directory)
        let out = directory.appendingPathComponent("chaos")
        let report = directory.appendingPathComponent("chaos.json")
        let planted = ["METRONOME_PLANTED_BUG": "duplicate-fills"]
        let result = try CommandRunner.run(CommandRunner.product("metronome"),
                                           ["chaos", file.path, "--seeds", "1", "--jobs", "1", "--until", "2h", "--shrink", "--out", out.path,
                                            "--report-json", report.path], environment: planted)
        #expect(result.exitCode == 1, "a failing seed exits 1: \(result.stdout)\(result.stderr)")
        let json = try CommandRunner.json(at: report)
        let failures = try #require(json["failures"] as? [[String: Any]])
        let failure = try #require(failures.first)
        #expect(["positions_match_fills", "cash_conserved"].contains(failure["invariant"] as? String ?? ""), "\(failure)")
        let reproduce = try #require(failure["reproduce"] as? String)
        #expect(reproduce.hasPrefix("metronome chaos \(file.path) --seeds 1 --plan "), "\(reproduce)")
        let shrunk = try #require((json["shrunk"] as? [[String: Any]])?.first)
        let faults = try #require(shrunk["faults"] as? [[String: Any]])
        #expect(faults.count <= 3, "shrunk to \(faults.count) faults")
        #expect(faults.contains { $0["fault"] as? String == "broker_duplicate_report" }, "the duplicate report is the fault that matters")
        // The failing run's log replays bit-for-bit (with the same build, bug included).
        let log = try #require(failure["log"] as? String)
        let replay = try CommandRunner.run(CommandRunner.product("metronome"), ["replay", log, "--verify", "--quiet"], environment: planted)
        #expect(replay.exitCode == 0, "\(replay.stdout)\(replay.stderr)")
        // The shrunk plan reproduces the failure on its own.
        let again = try CommandRunner.run(CommandRunner.product("metronome"),
                                          ["chaos", file.path, "--seeds", "1", "--plan", try #require(shrunk["plan"] as? String), "--until", "2h",
                                           "--out", out.path, "--quiet"], environment: planted)
        #expect(again.exitCode == 1, "\(again.stdout)")
    }

    @Test func withoutThePlantedBugTheSameSeedsPassInParallelWorkers() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let file = try ChaosCommandTests.scenario(in: directory)
        let report = directory.appendingPathComponent("chaos.json")
        let result = try CommandRunner.metronome("chaos", file.path, "--seeds", "1..4", "--jobs", "2", "--until", "2h",
                                                 "--out", directory.appendingPathComponent("chaos").path, "--report-json", report.path)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let json = try CommandRunner.json(at: report)
        #expect(json["runs"] as? Int == 4)
        #expect((json["failures"] as? [Any])?.isEmpty == true)
        let fired = try #require(json["faults_fired"] as? [String: Int])
        #expect(fired["broker_duplicate_report", default: 0] > 0, "the faults really fired: \(fired)")
        #expect((json["seeds_per_minute"] as? Double ?? 0) > 0)
        #expect(result.stdout.contains("every invariant held on every seed"))
    }

    /// The issue's reproducer: library scenarios have no chaos: section, and the bug is planted by
    /// an environment variable the printed replay line does not set. The line works as printed.
    /// The seed is one whose duplicate reports reach a fill the planted bug books twice (the
    /// blender's trades move with its calibration: trending-day's seed 3 stood in for calm-day's
    /// seed 1 from the sleeping experts until the issue-19 calibration, after which calm-day's
    /// seed 1 trips it again and trending-day's seed 3 does not).
    @Test(arguments: [("one-strategy", 1), ("calm-day", 1), ("correlated-sectors", 1)])
    func thePrintedReplayLineOfALibraryScenariosFailureVerifies(scenario: String, seed: Int) throws {
        let directory = try CommandRunner.temporaryDirectory()
        let out = directory.appendingPathComponent("chaos")
        let report = directory.appendingPathComponent("chaos.json")
        let result = try CommandRunner.run(CommandRunner.product("metronome"),
                                           ["chaos", scenario, "--seeds", "\(seed)", "--jobs", "1", "--faults", "broker_duplicate_report", "--until", "2h",
                                            "--out", out.path, "--report-json", report.path], environment: ["METRONOME_PLANTED_BUG": "duplicate-fills"])
        #expect(result.exitCode == 1, "the planted bug is caught: \(result.stdout)\(result.stderr)")
        let json = try CommandRunner.json(at: report)
        let failure = try #require((json["failures"] as? [[String: Any]])?.first)
        #expect(["positions_match_fills", "cash_conserved"].contains(failure["invariant"] as? String ?? ""), "\(failure)")
        #expect(json["faults_planned"] as? Int == 6 && json["faults_ran"] as? Int == 6, "--until 2h keeps the six faults inside the run")
        #expect(result.stdout.contains("faults: 6 planned, 6 ran\n"), "\(result.stdout)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("  replay:") })
        let words = line.split(separator: " ").map(String.init)
        #expect(Array(words.prefix(3)) == ["replay:", "metronome", "replay"], "\(line)")
        let replay = try CommandRunner.run(CommandRunner.product("metronome"), Array(words.dropFirst(2)))
        #expect(replay.exitCode == 0, "\(line): \(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("verified: both digests equal the recording"), "\(replay.stdout)")
    }

    /// An explicit plan runs as written: a fault planned after --until does not start, and every
    /// report says how many ran.
    @Test func theReportSaysWhenPlannedFaultsDidNotRun() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let plan = directory.appendingPathComponent("late.plan.json")
        let hour: UInt64 = 3_600_000_000_000
        let gap = #"{ "fault": "feed_gap", "start_ns": START, "duration_ns": 60000000000, "target": null, "magnitude": 0, "parameter": 0 }"#
        let faults = [hour / 2, 3 * hour].map { gap.replacingOccurrences(of: "START", with: "\($0)") }
        try (#"{ "seed": 1, "faults": ["# + faults.joined(separator: ", ") + "] }").write(to: plan, atomically: true, encoding: .utf8)
        let json = directory.appendingPathComponent("chaos.json")
        let html = directory.appendingPathComponent("chaos.html")
        let result = try CommandRunner.metronome("chaos", "one-strategy", "--seeds", "1", "--jobs", "1", "--plan", plan.path, "--until", "1h",
                                                 "--out", directory.appendingPathComponent("chaos").path,
                                                 "--report-json", json.path, "--report-html", html.path)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let line = "faults: 2 planned, 1 ran (the rest start after the run's end)"
        #expect(result.stdout.contains(line), "\(result.stdout)")
        let report = try CommandRunner.json(at: json)
        #expect(report["faults_planned"] as? Int == 2 && report["faults_ran"] as? Int == 1)
        #expect(try String(contentsOf: html, encoding: .utf8).contains(line))
    }

    @Test func badChaosInputIsExitCodeTwoWithAHint() throws {
        let unknown = try CommandRunner.metronome("chaos", "one-strategy", "--faults", "feed_gapp", "--seeds", "1")
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("unknown fault 'feed_gapp'"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("hint: the catalog: feed_gap"), "\(unknown.stderr)")
        let seeds = try CommandRunner.metronome("chaos", "one-strategy", "--seeds", "9..3")
        #expect(seeds.exitCode == 2)
    }
}
