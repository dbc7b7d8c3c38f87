import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over a grid of parameter values × seeds and tabulate each grid point's figures.",
        discussion: """
            Each --set KEY=V1,V2,… is one axis of the grid; KEY is a dotted path into the scenario \
            (gate.max_gross, blender.learning_rate), with a list item named by its name \
            (agents.value.weight, feeds.market.volatility, broker.venues.lit.taker_fee_bps) — the \
            override rules of `replay --with` (docs/evaluation.md). Every grid point runs under \
            every seed. Each finished run is saved under --out, so a sweep started again on the same \
            folder resumes where it stopped, and --shard i/n runs one part (for other machines). \
            The table averages each point over its seeds and marks the best by --metric; deflated \
            Sharpe ratios count the grid's points as trials. The same sweep gives the same table.
            Exit 0 when every run finished, 1 when a run failed, 2 on bad input.

            Examples:
              metronome sweep one-strategy --set agents.technical.fast=20,40,80 --seeds 1..5
              metronome sweep calm-day --set gate.max_gross=0.2,0.5 --set sizer.kelly_fraction=0.1,0.25,0.5 \\
                  --seeds 1..4 --jobs 2 --html out/sweep.html --csv out/sweep.csv
              metronome sweep one-strategy --set agents.technical.fast=20,40 --seeds 1..8 --shard 2/4 --out /shared/sweep
              metronome merge /shared/sweep/shards --report-json out/sweep.json
            """)

    @Argument(help: "Scenario file or library name.")
    var scenario: String

    @Option(name: .customLong("set"), help: ArgumentHelp("An axis of the grid: a scenario key and its values (repeatable).", valueName: "KEY=V1,V2,…"))
    var sets: [String] = []

    @Option(help: "Seeds for every grid point: A..B, a list A,B,C, or one seed.")
    var seeds: String = "1..5"

    @Option(help: "Parallel worker processes (default 1).")
    var jobs: Int = 1

    @Option(help: ArgumentHelp("Run only part i of n of the sweep's runs (1-based), for other machines.", valueName: "i/n"))
    var shard: String?

    @Option(help: "Stop each run early: a UTC time or a duration after the start.")
    var until: String?

    @Option(help: "Rank grid points by this mean figure: sharpe, sortino, pnl, calmar, deflated_sharpe, max_drawdown.")
    var metric: String = "sharpe"

    @Option(help: "The sweep's folder: its manifest and one result per finished run. Default out/sweep/NAME.")
    var out: String?

    @Option(help: ArgumentHelp("95 % block-bootstrap intervals of each run's Sharpe, Sortino, CVaR 99 and PnL from N resamples.", valueName: "N"))
    var bootstrap: Int?

    @Option(help: "Write one CSV row per run here.")
    var csv: String?

    @Option(help: "Write the table (grid points and runs) as JSON here.")
    var json: String?

    @Option(help: "Write a self-contained HTML page (heatmap for two keys, a line for one) here.")
    var html: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Option(help: .hidden)
    var runs: String?

    @Flag(help: .hidden)
    var worker = false

    func run() throws {
        let (loaded, path, baseText) = try ScenarioArgument.loadWithText(scenario)
        guard let chosenMetric = SweepMetric(rawValue: metric) else {
            throw CommandFailure.badInput("metronome: error: --metric expects one of \(SweepMetric.allCases.map(\.rawValue).joined(separator: ", ")), found '\(metric)'")
        }
        guard (1...256).contains(jobs) else { throw CommandFailure.badInput("metronome: error: --jobs expects 1 to 256, found \(jobs)") }
        for (option, file) in [("--csv", csv), ("--json", json), ("--html", html)] {
            if let file { try ReportFile.checkWritable(file, option: option) }
        }
        let grid: SweepGrid
        let runner: SweepRunner
        do {
            grid = try SweepGrid(axes: try sets.map(SweepAxis.parse), seeds: try ChaosCommand.parseSeeds(seeds))
            guard (0...MetricsSettings.maximumBootstrapResamples).contains(bootstrap ?? 0) else {
                throw CommandFailure.badInput("metronome: error: --bootstrap expects a number of resamples from 0 to 1,000,000, found \(bootstrap ?? 0)")
            }
            runner = SweepRunner(grid: grid, baseText: baseText, basePath: path, until: try TimeArgument.until(until, scenario: loaded),
                                 bootstrapResamples: bootstrap ?? 0)
            try runner.validate()
        } catch let error as EvaluationError {
            throw CommandFailure.badInput("metronome: error: \(error)")
        }
        let store = SweepStore(directory: out ?? "out/sweep/\(loaded.name)",
                               manifest: SweepStore.manifest(scenarioPath: path, text: baseText, until: until, grid: grid,
                                                             bootstrap: bootstrap.flatMap { $0 > 0 ? $0 : nil }))
        do { try store.prepare() } catch { throw CommandFailure.badInput("metronome: error: \(error)") }
        let assigned = try assignedRuns(grid)
        let pending = assigned.filter { store.result($0) == nil }
        if let shard, !worker, pending.isEmpty {
            FileHandle.standardError.write(Data("metronome: sweep shard \(shard) is already complete in \(store.directory): skipped\n".utf8))
        }
        let workers = SweepWorkers(runner: runner, store: store, arguments: workerArguments())
        let progress = SweepProgress(total: assigned.count, resumed: assigned.count - pending.count, enabled: !quiet && !worker && ProgressBar.isTerminal)
        try workers.run(pending, jobs: worker ? 1 : jobs, progress: progress, reportsEachRun: worker)
        progress.finish()
        guard !worker else { return }
        if let shard, let part = RunShard.parse(shard) {
            let results = assigned.compactMap { store.result($0) }
            try SweepShardResult(manifest: store.manifest, shard: part, metric: chosenMetric, currency: loaded.account.currency, results: results)
                .write(in: store.directory)
        }
        try report(store: store, metric: chosenMetric, currency: loaded.account.currency)
    }

    /// The runs this process is to make: --runs (a worker's share), --shard, or all of them.
    private func assignedRuns(_ grid: SweepGrid) throws -> [Int] {
        if let runs {
            let parsed = runs.split(separator: ",").compactMap { Int($0) }
            guard parsed.count == runs.split(separator: ",").count, parsed.allSatisfy({ (0..<grid.runCount).contains($0) }) else {
                throw CommandFailure.badInput("metronome: error: --runs expects run numbers below \(grid.runCount), found '\(runs)'")
            }
            return parsed
        }
        guard let shard else { return Array(0..<grid.runCount) }
        let parts = shard.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw CommandFailure.badInput("metronome: error: --shard expects i/n with 1 ≤ i ≤ n (e.g. 2/4), found '\(shard)'")
        }
        return grid.runs(shard: index, of: count)
    }

    /// What a worker process is started with (it adds --runs and --worker).
    private func workerArguments() -> [String] {
        var arguments = ["sweep", scenario, "--seeds", seeds, "--quiet"]
        for set in sets { arguments += ["--set", set] }
        if let until { arguments += ["--until", until] }
        if let out { arguments += ["--out", out] }
        if let bootstrap { arguments += ["--bootstrap", String(bootstrap)] }
        return arguments
    }

    private func report(store: SweepStore, metric: SweepMetric, currency: String) throws {
        let (results, missing) = store.collect()
        let table = SweepTable(manifest: store.manifest, results: results, missing: missing, metric: metric)
        if let csv { try ReportFile.write(Data(table.csv().utf8), to: csv) }
        if let json { try ReportFile.write(try table.json(), to: json) }
        if let html { try ReportFile.write(Data(SweepHTML.render(table, currency: currency).utf8), to: html) }
        if !quiet { print(table.text(currency: currency)) }
    }
}
