import Foundation
import Testing

/// The built `metronome` CLI, run in separate processes.
@Suite struct RunCommandTests {
    func runReport(_ extra: [String]) throws -> [String: Any] {
        let directory = try CommandRunner.temporaryDirectory()
        let report = directory.appendingPathComponent("report.json")
        let result = try CommandRunner.run(CommandRunner.product("metronome"),
                                           ["run", "calm-day", "--until", "1h", "--quiet", "--report-json", report.path] + extra)
        #expect(result.exitCode == 0, "stderr: \(result.stderr)")
        return try CommandRunner.json(at: report)
    }

    @Test func sameSeedGivesIdenticalDigestsAcrossProcesses() throws {
        let first = try runReport(["--seed", "11"])
        let second = try runReport(["--seed", "11"])
        #expect(first["digest"] as? String == second["digest"] as? String)
        #expect(first["decision_digest"] as? String == second["decision_digest"] as? String)
        #expect((first["events"] as? Int ?? 0) > 10_000)
        let other = try runReport(["--seed", "12"])
        #expect(other["digest"] as? String != first["digest"] as? String)
        #expect(other["decision_digest"] as? String != first["decision_digest"] as? String)
    }

    @Test func reportHasTheFieldsTheIssueNames() throws {
        let report = try runReport([])
        for field in ["scenario", "seed", "events", "wall_seconds", "events_per_second", "digest", "decision_digest"] {
            #expect(report[field] != nil, "missing \(field)")
        }
        #expect(report["scenario"] as? String == "calm-day")
        #expect(report["seed"] as? Int == 42, "the scenario's own seed by default")
        #expect((report["digest"] as? String)?.count == 16)
        // The PnL attribution: every agent's pnl plus the unattributed rest is the run's PnL, to the cent.
        func cents(_ text: Any?) -> Int? {
            guard let text = text as? String, let value = Decimal(string: text) else { return nil }
            return NSDecimalNumber(decimal: value * 100).intValue
        }
        let agents = try #require(report["agents"] as? [[String: Any]])
        let agentCents = agents.compactMap { cents($0["pnl"]) }
        #expect(agentCents.count == 12, "every agent has a pnl")
        let attribution = try #require(report["pnl_attribution"] as? [String: Any])
        let unattributed = try #require(cents(attribution["unattributed"]))
        #expect(agentCents.reduce(0, +) + unattributed == cents(report["pnl"]))
        #expect(cents(attribution["attributed"]) == agentCents.reduce(0, +))
    }

    @Test func summaryIsPrintedWithDigests() throws {
        let result = try CommandRunner.metronome("run", "calm-day", "--until", "10m")
        #expect(result.exitCode == 0)
        for label in ["events", "events/s", "digest", "decision_digest"] {
            #expect(result.stdout.contains(label))
        }
    }

    @Test func badInputExitsTwoWithALocatedMessage() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let file = directory.appendingPathComponent("bad.yaml")
        try "version: 1\nname: x\nstart: 2024-03-01\nduration: 1h\nuniverse:\n  - symbol: A\n    colour: red\nfeeds: []\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let invalid = try CommandRunner.metronome("run", file.path)
        #expect(invalid.exitCode == 2)
        #expect(invalid.stderr.contains("bad.yaml:7:5: error: unknown key 'colour'"))
        let missing = try CommandRunner.metronome("run", "no-such-scenario")
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("calm-day"), "lists the library")
        let usage = try CommandRunner.metronome("run", "calm-day", "--bogus")
        #expect(usage.exitCode == 2)
        let validate = try CommandRunner.metronome("validate", "calm-day")
        #expect(validate.exitCode == 0)
    }

    @Test func benchKernelWritesItsFigures() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let report = directory.appendingPathComponent("kernel.json")
        let result = try CommandRunner.metronome("bench", "kernel", "--deliveries", "20000", "--timers", "2000", "--report-json", report.path)
        #expect(result.exitCode == 0, "stderr: \(result.stderr)")
        let json = try CommandRunner.json(at: report)
        #expect(json["deliveries"] as? Int == 20_000)
        #expect((json["deliveries_per_second"] as? Double ?? 0) > 0)
        #expect((json["ns_per_delivery"] as? Double ?? 0) > 0)
    }

    @Test func benchPipelineCountsTicksAndSignals() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let report = directory.appendingPathComponent("pipeline.json")
        let result = try CommandRunner.metronome("bench", "pipeline", "calm-day", "--until", "40m", "--repetitions", "1",
                                                 "--report-json", report.path)
        #expect(result.exitCode == 0, "stderr: \(result.stderr)")
        let json = try CommandRunner.json(at: report)
        #expect(json["agents"] as? Int == 12)
        let ticks = json["ticks"] as? Int ?? 0
        let signals = json["signals"] as? Int ?? 0
        #expect(ticks > 30_000 && signals > 0, "ticks \(ticks), signals \(signals)")
        let seconds = json["run_seconds"] as? Double ?? 0
        #expect(abs((json["ticks_per_second"] as? Double ?? 0) - Double(ticks) / seconds) < 1)
        #expect((json["feeds_only_seconds"] as? Double ?? 0) > 0)
        let badUntil = try CommandRunner.metronome("bench", "pipeline", "--until", "soon")
        #expect(badUntil.exitCode == 2 && badUntil.stderr.contains("--until"))
    }

    /// On a terminal (a pseudo-terminal from `script`), `run` draws a progress bar on standard
    /// error and the digests do not change; without a terminal, or with --quiet, there is none.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressBarOnATerminalOnly() throws {
        let command = "\(CommandRunner.product("metronome")) run calm-day --until 1h"
        let terminal = try CommandRunner.run("/usr/bin/script", ["-qc", command, "/dev/null"])
        #expect(terminal.exitCode == 0)
        #expect(terminal.stdout.contains("events/s  ETA"), "a progress line")
        let plain = try CommandRunner.metronome("run", "calm-day", "--until", "1h")
        #expect(!plain.stderr.contains("ETA") && !plain.stdout.contains("ETA"), "no bar without a terminal")
        func digests(_ text: String) -> [String] {
            // A terminal ends lines with "\r\n", one Character in Swift: split on any newline.
            text.split(whereSeparator: \.isNewline).map(String.init).filter { $0.hasPrefix("digest") || $0.hasPrefix("decision_digest") }
        }
        #expect(digests(terminal.stdout) == digests(plain.stdout) && digests(plain.stdout).count == 2)
    }

    @Test func versionNamesTheCodecs() throws {
        let result = try CommandRunner.metronome("version")
        #expect(result.stdout.contains("zstd 1.") && result.stdout.contains("lz4 1."))
    }
}

@Suite struct ComponentDiagnosticsTests {
    /// Logging reads the run and never changes it: the digests are the same at every level, and
    /// log lines carry the simulated time and the component.
    @Test func logLevelNeverChangesTheDigests() throws {
        let quiet = try CommandRunner.metronome("run", "calm-day", "--until", "45m")
        let chatty = try CommandRunner.metronome("run", "calm-day", "--until", "45m", "--log-level", "debug")
        #expect(quiet.exitCode == 0 && chatty.exitCode == 0)
        #expect(chatty.stderr.contains("2024-03-01T15:"))
        #expect(chatty.stderr.contains("[broker] fill"))
        #expect(quiet.stderr.isEmpty)
        func digests(_ text: String) -> [Substring] { text.split(separator: "\n").filter { $0.contains("digest") } }
        #expect(digests(quiet.stdout).count == 2)
        #expect(digests(quiet.stdout) == digests(chatty.stdout))
        let bad = try CommandRunner.metronome("run", "calm-day", "--log-level", "loud")
        #expect(bad.exitCode == 2)
    }
}

@Suite struct LibraryTests {
    /// Every library scenario validates, and the synthetic multi-sector one runs and replays.
    @Test func libraryScenariosValidateRunAndReplay() throws {
        let list = try CommandRunner.metronome("scenarios")
        #expect(list.exitCode == 0)
        let names = list.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(names.contains("calm-day") && names.contains("correlated-sectors"))
        #expect(list.stdout.contains("calm-day (default)"), "the default is marked")
        for name in names {
            let validate = try CommandRunner.metronome("validate", name)
            #expect(validate.exitCode == 0, "\(name): \(validate.stderr)")
        }
        let directory = try CommandRunner.temporaryDirectory()
        let log = directory.appendingPathComponent("sectors.mlog")
        let report = directory.appendingPathComponent("sectors.json")
        let run = try CommandRunner.metronome("run", "correlated-sectors", "--until", "20m", "--quiet", "--record", log.path,
                                              "--report-json", report.path)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let json = try CommandRunner.json(at: report)
        #expect((json["inputs"] as? Int ?? 0) > 6 * 2 * 60 * 20 - 20, "six symbols, two quotes a second, plus trades")
        #expect(json["quarantined"] is [String: Any])
        let replay = try CommandRunner.metronome("replay", log.path, "--verify", "--quiet")
        #expect(replay.exitCode == 0, "\(replay.stdout)")
    }
}
