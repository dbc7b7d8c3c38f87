import Actors
import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

#if canImport(Glibc)
import Glibc
#endif

struct ChaosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos",
        abstract: "Run a chaos suite: seeded fault plans across the pipeline, checked by an independent oracle.",
        discussion: """
            Each seed is a whole run of the scenario with that root seed and a fault plan drawn from \
            it (swarm testing: the seed also draws which faults are on). The plan's events are \
            inputs, so every run's log replays bit-for-bit. An oracle with its own books checks the \
            invariants (docs/chaos.md). A failing seed keeps its log and plan under --out and prints \
            a one-line reproducer; --shrink reduces its plan to a minimal one that still fails.
            Exit 0 when every seed passes, 1 when one fails, 2 on bad input.

            Examples:
              metronome chaos calm-day --seeds 1..20 --jobs 2
              metronome chaos calm-day --seeds 1..200 --jobs 2 --report-json out/chaos.json --report-html out/chaos.html
              metronome chaos calm-day --seeds 7 --faults broker_duplicate_report,feed_gap --shrink
              metronome chaos calm-day --seeds 7 --plan out/chaos/calm-day-seed-7.plan.json
              metronome chaos calm-day --seeds 1..1000 --shard 3/4 --out /shared/chaos     # then: metronome merge /shared/chaos

            With --shard, the shard's seed results go to OUT/NAME-shard-i-of-n.json and the exit \
            status says whether the shard was made (0), not whether its seeds passed: the merge \
            gives the suite's verdict. A shard whose result is already in OUT is skipped.
            """)

    @Argument(help: "Scenario file or library name (its chaos: section shapes the plans; defaults otherwise).")
    var scenario: String

    @Option(help: "Seeds: A..B, a list A,B,C, or one seed.")
    var seeds: String = "1..10"

    @Option(help: "Parallel worker processes (default: the number of cores).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Run only part i of n of the seeds (1-based; every n-th seed) and write a shard result into --out for `metronome merge`.",
                               valueName: "i/n"))
    var shard: String?

    @Option(help: "Draw only among these faults (comma-separated catalog names; see docs/chaos.md).")
    var faults: String?

    @Option(help: "Run exactly this plan (JSON, as saved for a failure) instead of drawing one.")
    var plan: String?

    @Flag(help: "Shrink each failing plan to a minimal one that still fails the same invariant.")
    var shrink = false

    @Option(help: "Stop each run early: a UTC time or a duration after the start.")
    var until: String?

    @Option(help: "Folder for failing runs' logs and plans. Default out/chaos.")
    var out: String = "out/chaos"

    @Option(name: .customLong("report-json"), help: "Write the suite's JSON report here.")
    var reportJSON: String?

    @Option(name: .customLong("report-html"), help: "Write a self-contained HTML report here.")
    var reportHTML: String?

    @Flag(name: .shortAndLong, help: "Print nothing but failures.")
    var quiet = false

    @Flag(help: .hidden)
    var worker = false

    func run() throws {
        let loaded = try ScenarioArgument.load(scenario)
        let seedList = try ChaosCommand.parseSeeds(seeds)
        let only = try faultKinds()
        let explicitPlan = try loadPlan()
        let untilTime = try TimeArgument.until(until, scenario: loaded)
        for (option, path) in [("--report-json", reportJSON), ("--report-html", reportHTML)] {
            if let path { try ReportFile.checkWritable(path, option: option) }
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let part = try shardPart()
        let runner = ChaosSuiteRunner(scenario: loaded, scenarioArgument: scenario, seeds: part.map { $0.items(of: seedList) } ?? seedList,
                                      only: only, plan: explicitPlan, planPath: plan, until: untilTime, untilText: until, faultsText: faults, out: out)
        if worker { return try runner.runAsWorker() }
        let report: ChaosSuiteReport
        if let part {
            let suite = ChaosSuiteIdentity(naming: runner.naming, scenarioDigest: String(RandomStream.fnv1a64(loaded.sourceText), radix: 16),
                                           seeds: seedList, faults: faults, plan: plan, shrink: shrink, build: try ExecutableDigest.buildText())
            report = try runShard(part, of: suite, runner: runner)
        } else {
            report = try runSuite(runner).report
        }
        if let reportJSON { try ReportFile.write(report, to: reportJSON) }
        if let reportHTML { try ReportFile.write(Data(ChaosHTML.render(report).utf8), to: reportHTML) }
        print(report.text(quiet: quiet))
        if let part, !report.failures.isEmpty {
            if !quiet { print("shard \(part.text): \(report.failures.count) failing seed\(report.failures.count == 1 ? "" : "s"); the suite's verdict is the merge's") }
            return
        }
        if !report.failures.isEmpty { throw ExitCode(1) }
    }

    /// `--faults`: catalog names.
    private func faultKinds() throws -> [FaultKind]? {
        try faults.map { text throws -> [FaultKind] in
            try text.split(separator: ",").map { name throws -> FaultKind in
                guard let kind = FaultKind.named(String(name).trimmingCharacters(in: .whitespaces)) else {
                    throw CommandFailure.badInput("metronome: error: --faults: unknown fault '\(name)'\n  hint: the catalog: \(FaultKind.allCases.map(\.name).joined(separator: ", "))")
                }
                return kind
            }
        }
    }

    /// `--plan`: a plan as a failing run saved it.
    private func loadPlan() throws -> ChaosPlan? {
        let explicitPlan = try plan.map { path throws -> ChaosPlan in
            do {
                return try JSONDecoder().decode(ChaosPlan.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw CommandFailure.badInput("metronome: error: --plan \(path): expected a plan as saved by a failing run (\(error))")
            }
        }
        if let plan = explicitPlan, let unknown = plan.faults.first(where: { $0.kind == nil }) {
            throw CommandFailure.badInput("metronome: error: --plan \(plan): unknown fault '\(unknown.fault)'")
        }
        return explicitPlan
    }

    /// `--shard i/n`.
    private func shardPart() throws -> RunShard? {
        try shard.map { text throws -> RunShard in
            guard let part = RunShard.parse(text) else {
                throw CommandFailure.badInput("metronome: error: --shard expects i/n with 1 ≤ i ≤ n (e.g. 2/4), found '\(text)'")
            }
            return part
        }
    }

    private func runSuite(_ runner: ChaosSuiteRunner) throws -> (suite: ChaosSuiteRunner.Suite, report: ChaosSuiteReport) {
        let suite = try runner.runSuite(jobs: jobCount(runner.seeds.count), showsProgress: !quiet && ProgressBar.isTerminal)
        var report = ChaosSuiteReport(suite: suite, scenario: runner.naming.scenario, runner: runner)
        if shrink {
            try runner.shrinkFailures(of: suite, into: &report) { message in
                if !quiet { FileHandle.standardError.write(Data(message.utf8)) }
            }
        }
        return (suite, report)
    }

    /// One shard: skipped when its complete result is already in --out (resumability), else run
    /// and its result written last, whole.
    private func runShard(_ part: RunShard, of suite: ChaosSuiteIdentity, runner: ChaosSuiteRunner) throws -> ChaosSuiteReport {
        let path = suite.naming.shardPath(part)
        if let done = ChaosShardResult.existing(at: path, suite: suite, shard: part) {
            FileHandle.standardError.write(Data("metronome: chaos shard \(part.text) is already complete in \(path): skipped (delete it to run the shard again)\n".utf8))
            var report = ChaosSuiteReport(results: done.results, wallSeconds: done.wall_seconds, naming: suite.naming)
            report.keepShrunk(done.shrunk)
            return report
        }
        let (results, report) = try runSuite(runner)
        try ChaosShardResult(suite: suite, shard: part, results: results.results, shrunk: report.shrunkPlans, wallSeconds: results.wallSeconds).write(to: path)
        return report
    }

    private func jobCount(_ seeds: Int) -> Int { max(1, min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, seeds)) }

    static func parseSeeds(_ text: String) throws -> [UInt64] {
        if let range = text.range(of: "..") {
            guard let low = UInt64(text[..<range.lowerBound]), let high = UInt64(text[range.upperBound...]), low <= high, high - low < 1_000_000 else {
                throw CommandFailure.badInput("metronome: error: --seeds expects A..B with A ≤ B (e.g. 1..200), found '\(text)'")
            }
            return Array(low...high)
        }
        let list = text.split(separator: ",").compactMap { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        guard !list.isEmpty, list.count == text.split(separator: ",").count else {
            throw CommandFailure.badInput("metronome: error: --seeds expects A..B, A,B,C or one seed, found '\(text)'")
        }
        return list
    }
}
