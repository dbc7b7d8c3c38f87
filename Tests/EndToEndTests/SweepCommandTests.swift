import Foundation
import Testing

/// `metronome sweep` as a user runs it: worker processes give the table one process gives, a
/// second start resumes, every output is written, and bad input exits 2 before any run.
@Suite struct SweepCommandTests {
    static let axes = ["--set", "agents.technical.fast=20,60", "--set", "trader.quantity=1,2", "--seeds", "1..2", "--until", "10m"]

    @Test func workersAndAResumeGiveTheSameTable() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let one = directory.appendingPathComponent("one"), two = directory.appendingPathComponent("two")
        let serial = try CommandRunner.run(CommandRunner.product("metronome"), ["sweep", "one-strategy"] + Self.axes + [
            "--out", one.path, "--json", directory.appendingPathComponent("one.json").path,
            "--csv", directory.appendingPathComponent("one.csv").path, "--html", directory.appendingPathComponent("one.html").path])
        #expect(serial.exitCode == 0, "\(serial.stderr)")
        #expect(serial.stdout.contains("4 grid points × 2 seeds = 8 runs"))
        #expect(serial.stdout.contains("← best sharpe"))
        let parallel = try CommandRunner.run(CommandRunner.product("metronome"), ["sweep", "one-strategy"] + Self.axes + [
            "--out", two.path, "--jobs", "2", "--json", directory.appendingPathComponent("two.json").path, "--quiet"])
        #expect(parallel.exitCode == 0, "\(parallel.stderr)")
        #expect(parallel.stdout.isEmpty)
        let first = try Data(contentsOf: directory.appendingPathComponent("one.json"))
        #expect(try Data(contentsOf: directory.appendingPathComponent("two.json")) == first)
        try FileManager.default.removeItem(at: two.appendingPathComponent("runs/run-5.json"))
        let resumed = try CommandRunner.run(CommandRunner.product("metronome"), ["sweep", "one-strategy"] + Self.axes + [
            "--out", two.path, "--json", directory.appendingPathComponent("three.json").path, "--quiet"])
        #expect(resumed.exitCode == 0)
        #expect(try Data(contentsOf: directory.appendingPathComponent("three.json")) == first)
        let csv = try String(contentsOf: directory.appendingPathComponent("one.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("run,point,seed,agents.technical.fast,trader.quantity,pnl,"))
        #expect(csv.split(separator: "\n").count == 9)
        let html = try String(contentsOf: directory.appendingPathComponent("one.html"), encoding: .utf8)
        #expect(html.contains("aria-label=\"heatmap\""))
    }

    @Test func walkForwardRefusesWhatWouldMislead() throws {
        let synthetic = try CommandRunner.metronome("walk-forward", "calm-day", "--train", "2h", "--test", "1h")
        #expect(synthetic.exitCode == 2 && synthetic.stderr.contains("walk-forward needs recorded data"), "\(synthetic.stderr)")
        let tooMany = try CommandRunner.metronome("walk-forward", "sp500-2008", "--train", "30d", "--test", "14d", "--step", "1s")
        #expect(tooMany.exitCode == 2 && tooMany.stderr.contains("at most 1,000"), "\(tooMany.stderr)")
        let idle = try CommandRunner.metronome("walk-forward", "sp500-2008", "--train", "20d", "--test", "10d", "--set", "gate.max_gross=0.25,0.5")
        #expect(idle.exitCode == 0, "\(idle.stderr)")
        #expect(idle.stdout.contains("test spans placed no order"))
    }

    @Test func badInputExitsTwoBeforeAnyRun() throws {
        let directory = try CommandRunner.temporaryDirectory()
        for (arguments, message) in [(["--set", "agents.technical.fastt=20"], "unknown key 'fastt'"),
                                     (["--set", "gate.max_gross"], "KEY=V1,V2"),
                                     (["--metric", "luck"], "--metric expects one of"),
                                     (["--shard", "3/2"], "--shard expects i/n"),
                                     (["--seeds", "5..1"], "--seeds expects")] {
            let result = try CommandRunner.run(CommandRunner.product("metronome"),
                                               ["sweep", "one-strategy", "--until", "1m", "--out", directory.appendingPathComponent("x").path] + arguments)
            #expect(result.exitCode == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("x/runs/run-0.json").path))
    }
}
