import Foundation
import Testing

/// `metronome chaos|sweep --shard` and `metronome merge` as a user runs them: four shards merged
/// give the report of the `--jobs 2` run of the same seeds byte for byte but for the wall time
/// (failures, shrunk plans and figures included), a complete shard is skipped when run again, and
/// missing, duplicated or mixed shards are named with their exit codes.
@Suite(.serialized) struct ShardMergeCommandTests {
    static let planted = ["METRONOME_PLANTED_BUG": "duplicate-fills"]

    /// The report's lines but for the two that carry the wall time.
    static func linesWithoutWallTime(_ url: URL) throws -> [Substring] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return !line.hasPrefix("\"wall_seconds\"") && !line.hasPrefix("\"seeds_per_minute\"")
        }
    }

    func chaos(_ file: URL, _ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(CommandRunner.product("metronome"), ["chaos", file.path, "--seeds", "1..4", "--until", "2h", "--shrink"] + arguments,
                              environment: Self.planted)
    }

    @Test func fourChaosShardsMergeIntoTheReportOfOneMachine() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let file = try ChaosCommandTests.scenario(in: directory)
        let out = directory.appendingPathComponent("shared")
        for index in 1...4 {
            let shard = try chaos(file, ["--jobs", "1", "--shard", "\(index)/4", "--out", out.path, "--quiet"])
            #expect(shard.exitCode == 0, "a shard that ran exits 0, failing seeds or not: \(shard.stderr)")
        }
        let local = directory.appendingPathComponent("local.json"), merged = directory.appendingPathComponent("merged.json")
        let whole = try chaos(file, ["--jobs", "2", "--out", out.path, "--quiet", "--report-json", local.path])
        #expect(whole.exitCode == 1, "the planted bug fails seeds: \(whole.stdout)")
        let merge = try CommandRunner.metronome("merge", out.path, "--report-json", merged.path, "--report-html", directory.appendingPathComponent("m.html").path)
        #expect(merge.exitCode == 1, "the merge gives the suite's verdict: \(merge.stderr)")
        #expect(merge.stdout.contains("merged 4 shards of 4"))
        let json = try CommandRunner.json(at: merged)
        #expect((json["failures"] as? [Any])?.isEmpty == false, "the case needs failing seeds")
        #expect((json["shrunk"] as? [Any])?.isEmpty == false, "and shrunk plans")
        #expect(try Self.linesWithoutWallTime(merged) == Self.linesWithoutWallTime(local))
        #expect(try String(contentsOf: merged, encoding: .utf8) != String(contentsOf: local, encoding: .utf8), "the wall time is the shards'")

        // Run again: the shard is complete and skipped, saying so.
        let again = try chaos(file, ["--jobs", "1", "--shard", "2/4", "--out", out.path, "--quiet"])
        #expect(again.exitCode == 0)
        #expect(again.stderr.contains("chaos shard 2/4 is already complete"), "\(again.stderr)")
        // Another suite (other seeds) in the same folder is not mistaken for it.
        let other = try CommandRunner.run(CommandRunner.product("metronome"), ["chaos", file.path, "--seeds", "1..3", "--until", "2h", "--jobs", "1",
                                                                              "--shard", "2/4", "--out", directory.appendingPathComponent("other").path, "--quiet"],
                                          environment: Self.planted)
        #expect(!other.stderr.contains("already complete"))
    }

    @Test func missingDuplicatedAndMixedShardsAreNamed() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let file = try ChaosCommandTests.scenario(in: directory)
        let out = directory.appendingPathComponent("shared")
        for index in [1, 2, 4] {
            let shard = try CommandRunner.run(CommandRunner.product("metronome"), ["chaos", file.path, "--seeds", "1..8", "--until", "30m", "--jobs", "1",
                                                                                  "--shard", "\(index)/4", "--out", out.path, "--quiet"])
            #expect(shard.exitCode == 0, "\(shard.stderr)")
        }
        let missing = try CommandRunner.metronome("merge", out.path)
        #expect(missing.exitCode == 3)
        #expect(missing.stderr.contains("6 of 8 seeds; missing shard 3/4; missing seeds 3, 7"), "\(missing.stderr)")
        let first = out.appendingPathComponent("one-strategy-shard-1-of-4.json").path
        let twice = try CommandRunner.metronome("merge", first, first)
        #expect(twice.exitCode == 2)
        #expect(twice.stderr.contains("shard 1/4 is given twice"), "\(twice.stderr)")
        let otherOut = directory.appendingPathComponent("other")
        _ = try CommandRunner.run(CommandRunner.product("metronome"), ["chaos", file.path, "--seeds", "1..8", "--until", "20m", "--jobs", "1",
                                                                      "--shard", "3/4", "--out", otherOut.path, "--quiet"])
        let mixed = try CommandRunner.metronome("merge", out.path, otherOut.appendingPathComponent("one-strategy-shard-3-of-4.json").path)
        #expect(mixed.exitCode == 2)
        #expect(mixed.stderr.contains("is a shard of another suite"), "\(mixed.stderr)")
        // A rebuilt binary (same version, other bytes) is another build: the shard runs again, and
        // its result does not merge with the old build's.
        let rebuilt = directory.appendingPathComponent("metronome-rebuilt")
        try FileManager.default.copyItem(atPath: CommandRunner.product("metronome"), toPath: rebuilt.path)
        let handle = try FileHandle(forWritingTo: rebuilt)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("rebuilt".utf8))
        try handle.close()
        let again = try CommandRunner.run(rebuilt.path, ["chaos", file.path, "--seeds", "1..8", "--until", "30m", "--jobs", "1",
                                                         "--shard", "4/4", "--out", out.path, "--quiet"])
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(!again.stderr.contains("already complete"), "another build's shard is run again")
        let builds = try CommandRunner.metronome("merge", out.path)
        #expect(builds.exitCode == 2)
        #expect(builds.stderr.contains("built by"), "\(builds.stderr)")
        let bad = try CommandRunner.metronome("chaos", file.path, "--seeds", "1..8", "--shard", "0/4")
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("--shard expects i/n"))
    }

    @Test func sweepShardsInSeparateFoldersMergeIntoTheSameTable() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let axes = ["sweep", "one-strategy", "--set", "agents.technical.fast=20,60", "--seeds", "1..3", "--until", "20m", "--quiet"]
        for index in 1...4 {
            let shard = try CommandRunner.run(CommandRunner.product("metronome"),
                                              axes + ["--shard", "\(index)/4", "--out", directory.appendingPathComponent("s\(index)").path])
            #expect(shard.exitCode == 0, "\(shard.stderr)")
        }
        let local = directory.appendingPathComponent("local.json"), merged = directory.appendingPathComponent("merged.json")
        let whole = try CommandRunner.run(CommandRunner.product("metronome"),
                                          axes + ["--jobs", "2", "--out", directory.appendingPathComponent("whole").path, "--json", local.path])
        #expect(whole.exitCode == 0, "\(whole.stderr)")
        let shards = (1...4).map { directory.appendingPathComponent("s\($0)").path }
        let merge = try CommandRunner.run(CommandRunner.product("metronome"), ["merge"] + shards + ["--report-json", merged.path])
        #expect(merge.exitCode == 0, "\(merge.stderr)")
        #expect(try Data(contentsOf: merged) == Data(contentsOf: local), "a sweep's table has no wall time: byte for byte")
        let again = try CommandRunner.run(CommandRunner.product("metronome"), axes + ["--shard", "2/4", "--out", shards[1]])
        #expect(again.stderr.contains("sweep shard 2/4 is already complete"), "\(again.stderr)")
        let partial = try CommandRunner.run(CommandRunner.product("metronome"), ["merge", shards[0], shards[2]])
        #expect(partial.exitCode == 3)
        #expect(partial.stderr.contains("missing shards 2/4, 4/4"), "\(partial.stderr)")
    }

    /// The scripts `metronome slurm` writes, run by bash as Slurm would (task ids 0…3, then the
    /// merge): the merged report is the local run's; --dry-run prints them and writes nothing.
    @Test func slurmScriptsRunTheShardsAndTheMerge() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let out = directory.appendingPathComponent("shared")
        let suite = ["one-strategy", "--seeds", "1..4", "--until", "30m"]
        let dry = try CommandRunner.run(CommandRunner.product("metronome"), ["slurm", "chaos"] + suite + [
            "--shards", "4", "--out", out.path, "--partition", "short", "--time", "5:00", "--dry-run"])
        #expect(dry.exitCode == 0, "\(dry.stderr)")
        for line in ["#SBATCH --array=0-3", "#SBATCH --partition=short", "#SBATCH --time=5:00", "--shard \"$((SLURM_ARRAY_TASK_ID + 1))/4\"",
                     "merge \(out.path) --report-json \(out.path)/report.json"] {
            #expect(dry.stdout.contains(line), "\(line) in\n\(dry.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path), "a dry run writes nothing")
        let write = try CommandRunner.run(CommandRunner.product("metronome"), ["slurm", "chaos"] + suite + ["--shards", "4", "--out", out.path])
        #expect(write.exitCode == 0, "\(write.stderr)")
        #expect(write.stdout.contains("sbatch --dependency=afterok:"))
        for task in 0..<4 {
            let shard = try CommandRunner.run("/bin/bash", [out.appendingPathComponent("slurm/shards.sbatch").path],
                                              environment: ["SLURM_ARRAY_TASK_ID": "\(task)"])
            #expect(shard.exitCode == 0, "\(shard.stderr)")
        }
        let merge = try CommandRunner.run("/bin/bash", [out.appendingPathComponent("slurm/merge.sbatch").path])
        #expect(merge.exitCode == 0, "\(merge.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("slurm/merge.status"), encoding: .utf8) == "0\n")
        let local = directory.appendingPathComponent("local.json")
        let whole = try CommandRunner.run(CommandRunner.product("metronome"), ["chaos"] + suite + ["--jobs", "2", "--out", out.path, "--quiet",
                                                                                                 "--report-json", local.path])
        #expect(whole.exitCode == 0)
        #expect(try Self.linesWithoutWallTime(out.appendingPathComponent("report.json")) == Self.linesWithoutWallTime(local))
    }
}
