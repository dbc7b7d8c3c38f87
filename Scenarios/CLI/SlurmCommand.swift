import ArgumentParser
import Foundation
import Scenarios

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Run a chaos suite or a sweep on a Slurm cluster: an array job of shards and a dependent merge.",
        discussion: """
            Writes OUT/slurm/shards.sbatch (an array job: task k runs --shard k+1/N into OUT, a \
            folder every node sees) and OUT/slurm/merge.sbatch (metronome merge OUT into \
            OUT/report.json and OUT/report.html, submitted with --dependency=afterok on the array). \
            --dry-run prints them; --submit submits them with sbatch and prints the job ids \
            (docs/scale-out.md).

            Examples:
              metronome slurm chaos calm-day --seeds 1..1000 --shards 50 --out /shared/chaos --time 30:00 --submit
              metronome slurm sweep one-strategy --set agents.technical.fast=20,40,80 --seeds 1..50 --shards 10 --out /shared/sweep --dry-run
            """,
        subcommands: [SlurmChaosCommand.self, SlurmSweepCommand.self])
}

struct SlurmChaosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos", abstract: "A chaos suite, sharded by seed.",
        discussion: """
            The chaos options are those of `metronome chaos`; --out is the folder every node sees.

            Example:
              metronome slurm chaos calm-day --seeds 1..1000 --until 2h --shards 50 --out /shared/chaos --time 30:00 --submit
            """)

    @Argument(help: "Scenario file or library name.")
    var scenario: String

    @Option(help: "Seeds: A..B, a list A,B,C, or one seed.")
    var seeds: String = "1..10"

    @Option(help: "Draw only among these faults (comma-separated catalog names).")
    var faults: String?

    @Option(help: "Stop each run early: a UTC time or a duration after the start.")
    var until: String?

    @Flag(help: "Shrink failing plans (each shard its first three).")
    var shrink = false

    @Option(help: "The shared folder: shard results, failing seeds' logs and plans, the scripts and the report.")
    var out: String = "out/chaos"

    @OptionGroup var slurm: SlurmOptions

    func run() throws {
        let loaded = try ScenarioArgument.load(scenario)
        _ = try ChaosCommand.parseSeeds(seeds)
        let out = SlurmOptions.absolute(self.out)
        var shard = [slurm.binaryPath, "chaos", SlurmOptions.scenarioForNodes(scenario), "--seeds", seeds, "--jobs", "1", "--quiet", "--out", out]
        if let faults { shard += ["--faults", faults] }
        if let until { shard += ["--until", until] }
        if shrink { shard.append("--shrink") }
        let merge = [slurm.binaryPath, "merge", out, "--report-json", out + "/report.json", "--report-html", out + "/report.html"]
        try slurm.emit(SlurmScripts(command: "chaos", name: loaded.name, shardCommand: shard, mergeCommand: merge, shards: slurm.shards, out: out,
                                    partition: slurm.partition, time: slurm.time))
    }
}

struct SlurmSweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep", abstract: "A sweep, sharded by run (grid point × seed).",
        discussion: """
            The sweep options are those of `metronome sweep`; --out is the folder every node sees.

            Example:
              metronome slurm sweep one-strategy --set agents.technical.fast=20,40,80 --seeds 1..50 --shards 10 --out /shared/sweep --dry-run
            """)

    @Argument(help: "Scenario file or library name.")
    var scenario: String

    @Option(name: .customLong("set"), help: ArgumentHelp("An axis of the grid (repeatable).", valueName: "KEY=V1,V2,…"))
    var sets: [String] = []

    @Option(help: "Seeds for every grid point: A..B, a list A,B,C, or one seed.")
    var seeds: String = "1..5"

    @Option(help: "Stop each run early: a UTC time or a duration after the start.")
    var until: String?

    @Option(help: "Rank grid points by this mean figure.")
    var metric: String = "sharpe"

    @Option(help: ArgumentHelp("95 % block-bootstrap intervals from N resamples.", valueName: "N"))
    var bootstrap: Int?

    @Option(help: "The sweep's shared folder (its manifest, runs, shard results, the scripts and the report). Default out/sweep/NAME.")
    var out: String?

    @OptionGroup var slurm: SlurmOptions

    func run() throws {
        let loaded = try ScenarioArgument.load(scenario)
        _ = try ChaosCommand.parseSeeds(seeds)
        let out = SlurmOptions.absolute(self.out ?? "out/sweep/\(loaded.name)")
        var shard = [slurm.binaryPath, "sweep", SlurmOptions.scenarioForNodes(scenario), "--seeds", seeds, "--metric", metric, "--quiet", "--out", out]
        for set in sets { shard += ["--set", set] }
        if let until { shard += ["--until", until] }
        if let bootstrap { shard += ["--bootstrap", String(bootstrap)] }
        let merge = [slurm.binaryPath, "merge", out, "--report-json", out + "/report.json", "--report-html", out + "/report.html"]
        try slurm.emit(SlurmScripts(command: "sweep", name: loaded.name, shardCommand: shard, mergeCommand: merge, shards: slurm.shards, out: out,
                                    partition: slurm.partition, time: slurm.time))
    }
}
