import Foundation
import Testing

/// `metronome bench FILE`: the stage table, the JSON and HTML reports, and the exit codes of
/// `--check-budgets`. The budgets here are on simulated latency, which the scenario's latency
/// models fix exactly: no test depends on how fast this machine is.
@Suite struct BenchScenarioTests {
    static let within = "Tests/Fixtures/budgets/within.yaml"
    static let exceeded = "Tests/Fixtures/budgets/exceeded.yaml"

    @Test func budgetsThatHoldPassTheCheck() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("stages.json")
        let html = directory.appendingPathComponent("stages.html")
        let result = try CommandRunner.metronome("bench", BenchScenarioTests.within, "--check-budgets", "--report-json", json.path,
                                                 "--report-html", html.path)
        #expect(result.exitCode == 0, "\(result.stderr)")
        for word in ["stage", "p99.9", "feeds", "broker", "tick_to_order", "simulated", "wall", "budgets    ok"] {
            #expect(result.stdout.contains(word), "table lacks \(word): \(result.stdout)")
        }
        let report = try CommandRunner.json(at: json)
        #expect(report["budgets_ok"] as? Bool == true)
        let stages = try #require(report["stages"] as? [String: Any])
        #expect(Set(stages.keys) == ["feeds", "agents", "trader", "broker", "portfolio", "tick_to_order"])
        let broker = try #require((stages["broker"] as? [String: Any])?["simulated"] as? [String: Any])
        for field in ["count", "p50_ns", "p99_ns", "p999_ns", "max_ns", "budget", "status"] { #expect(broker[field] != nil, "broker.simulated.\(field)") }
        // Order entry 2 ms + ack 500 µs: the venue's first report comes 2.5 ms after the order.
        #expect(broker["p50_ns"] as? Int == 2_500_000 && broker["max_ns"] as? Int == 2_500_000)
        #expect((broker["budget"] as? [String: Any])?["p50_ns"] as? Int == 3_000_000)
        let feeds = try #require((stages["feeds"] as? [String: Any])?["simulated"] as? [String: Any])
        #expect(feeds["p50_ns"] as? Int == 1_000_000, "the feed's 1 ms latency")
        let wall = try #require((stages["agents"] as? [String: Any])?["wall"] as? [String: Any])
        #expect((wall["count"] as? Int ?? 0) > 0 && wall["status"] as? String == "unbudgeted")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<svg") && page.contains("tick_to_order") && !page.contains("<script"))
    }

    /// Ctrl-C during a long bench stops the run cleanly: exit 0, the table and the JSON for what
    /// ran, marked as interrupted.
    @Test func sigintStopsABenchWithTheFiguresSoFar() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("stages.json")
        // stress-100 takes far longer than this test waits (100 symbols, a whole day).
        let bench = try BackgroundProcess(["bench", "stress-100", "--quiet", "--report-json", json.path], in: directory)
        // The handler is installed once the scenario is wired; give it that long, then interrupt.
        usleep(3_000_000)
        bench.signal(SIGINT)
        let status = bench.wait(seconds: 60)
        #expect(status == 0, "bench exits 0 on SIGINT; stderr: \(bench.stderr)")
        #expect(bench.stdout.contains("interrupted: the figures cover the run so far"), "\(bench.stdout)")
        #expect(bench.stdout.contains("tick_to_order"))
        let report = try CommandRunner.json(at: json)
        #expect(report["stop_reason"] as? String == "stop_requested")
        #expect((report["events"] as? Int ?? 0) > 0)
        #expect(report["sim_end"] as? String != "2024-03-01T21:00:00.000000000Z", "stopped before the end of the day")
    }

    @Test func anExceededBudgetFailsTheCheckWithExitOne() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("stages.json")
        let result = try CommandRunner.metronome("bench", BenchScenarioTests.exceeded, "--check-budgets", "--report-json", json.path)
        #expect(result.exitCode == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("EXCEEDED p50 2.50ms > 1.00ms"), "\(result.stdout)")
        #expect(result.stderr.contains("budgets exceeded: broker simulated p50"), "\(result.stderr)")
        let report = try CommandRunner.json(at: json)
        #expect(report["budgets_ok"] as? Bool == false)
        let violations = try #require(report["violations"] as? [[String: Any]])
        #expect(violations.count == 1)
        #expect(violations.first?["stage"] as? String == "broker" && violations.first?["percentile"] as? String == "p50")
        #expect(violations.first?["measured_ns"] as? Int == 2_500_000 && violations.first?["budget_ns"] as? Int == 1_000_000)
    }

    @Test func withoutTheCheckAnExceededBudgetIsReportedNotFailed() throws {
        let result = try CommandRunner.metronome("bench", "scenario", BenchScenarioTests.exceeded, "--until", "5m")
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("EXCEEDED"))
    }

    @Test func badInputExitsTwo() throws {
        let missing = try CommandRunner.metronome("bench", "no-such-scenario")
        #expect(missing.exitCode == 2 && missing.stderr.contains("no scenario file or library scenario named 'no-such-scenario'"))
        let broken = try CommandRunner.metronome("bench", "Tests/Fixtures/broken/budget-unknown-stage.yaml")
        #expect(broken.exitCode == 2 && broken.stderr.contains("unknown key 'brokr'"))
        let nothingToCheck = try CommandRunner.metronome("bench", "one-strategy", "--check-budgets", "--until", "1m")
        #expect(nothingToCheck.exitCode == 2 && nothingToCheck.stderr.contains("has no budgets: section"), "\(nothingToCheck.stderr)")
    }

    /// `bench kernel|log|pipeline` still work beside `bench FILE`, and their JSON carries the
    /// micro figures (tiny sizes: this checks the fields, not the speed).
    @Test func theMicroBenchmarksStillRunAndReportTheirFigures() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let kernel = directory.appendingPathComponent("kernel.json")
        let run = try CommandRunner.metronome("bench", "kernel", "--deliveries", "20000", "--timers", "2000", "--report-json", kernel.path)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect((try CommandRunner.json(at: kernel)["deliveries_per_second"] as? Double ?? 0) > 0)
        let log = directory.appendingPathComponent("log.json")
        let logRun = try CommandRunner.metronome("bench", "log", "Tests/Fixtures/budgets/within.yaml", "--repetitions", "1", "--report-json", log.path)
        #expect(logRun.exitCode == 0, "\(logRun.stderr)")
        let logReport = try CommandRunner.json(at: log)
        for field in ["encode_events_per_second", "decode_events_per_second", "bytes_per_event_zstd", "bytes_per_quote_zstd"] {
            #expect((logReport[field] as? Double ?? 0) > 0, "log.\(field)")
        }
        let pipeline = directory.appendingPathComponent("pipeline.json")
        let pipelineRun = try CommandRunner.metronome("bench", "pipeline", "calm-day", "--until", "2m", "--repetitions", "1",
                                                      "--report-json", pipeline.path)
        #expect(pipelineRun.exitCode == 0, "\(pipelineRun.stderr)")
        let pipelineReport = try CommandRunner.json(at: pipeline)
        #expect((pipelineReport["ticks_per_second"] as? Double ?? 0) > 0 && pipelineReport["agents"] as? Int == 12)
    }
}
