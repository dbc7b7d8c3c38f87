import ArgumentParser
import Foundation
import Scenarios

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shard results of a chaos suite or a sweep into the report one machine would give.",
        discussion: """
            RESULTS are shard result files (NAME-shard-i-of-n.json from `metronome chaos --shard`, \
            shard-i-of-n.json from `metronome sweep --shard`) or folders holding them (a sweep's \
            folder: its shards/ folder is searched). The merged report is the single-machine run's: \
            the same failures, counts and figures, the same JSON but for the wall time (a chaos \
            merge takes the longest shard's). Shards of different suites, a shard given twice or a \
            seed in two shards are refused (exit 2); missing shards or seeds are named (exit 3).
            Exit 0 when the merged suite passes, 1 when a chaos seed fails, 2 on bad input, 3 when incomplete.

            Examples:
              metronome merge /shared/chaos --report-json out/chaos.json --report-html out/chaos.html
              metronome merge a/calm-day-shard-1-of-2.json b/calm-day-shard-2-of-2.json
              metronome merge out/sweep/one-strategy --report-json out/sweep.json
            """)

    @Argument(help: "Shard result files, or folders holding them.")
    var results: [String]

    @Option(name: .customLong("report-json"), help: "Write the merged JSON report here.")
    var reportJSON: String?

    @Option(name: .customLong("report-html"), help: "Write the merged HTML report here.")
    var reportHTML: String?

    @Flag(name: .shortAndLong, help: "Print nothing but failures.")
    var quiet = false

    func run() throws {
        for (option, path) in [("--report-json", reportJSON), ("--report-html", reportHTML)] {
            if let path { try ReportFile.checkWritable(path, option: option) }
        }
        let files = try ShardFiles.find(results)
        var chaos: [(path: String, result: ChaosShardResult)] = []
        var sweep: [(path: String, result: SweepShardResult)] = []
        for file in files {
            switch try ShardFiles.read(file) {
            case .chaos(let result): chaos.append((file, result))
            case .sweep(let result): sweep.append((file, result))
            }
        }
        if !chaos.isEmpty && !sweep.isEmpty {
            throw CommandFailure.badInput("metronome: error: merge: \(chaos[0].path) is a chaos shard, \(sweep[0].path) a sweep shard: merge one suite at a time")
        }
        if !chaos.isEmpty { try mergeChaos(chaos) } else { try mergeSweep(sweep) }
    }

    private func mergeChaos(_ shards: [(path: String, result: ChaosShardResult)]) throws {
        let report = try ChaosShardMerge.merge(shards)
        if let reportJSON { try ReportFile.write(report, to: reportJSON) }
        if let reportHTML { try ReportFile.write(Data(ChaosHTML.render(report).utf8), to: reportHTML) }
        if !quiet { print("merged \(shards.count) shard\(shards.count == 1 ? "" : "s") of \(shards[0].result.shard.count)") }
        print(report.text(quiet: quiet))
        if !report.failures.isEmpty { throw ExitCode(1) }
    }

    private func mergeSweep(_ shards: [(path: String, result: SweepShardResult)]) throws {
        let table: SweepTable
        do { table = try SweepShardMerge.merge(shards) } catch { throw CommandFailure.badInput("metronome: error: \(error)") }
        let count = shards[0].result.shard.count
        guard table.missing_runs.isEmpty else {
            let missing = SweepShardMerge.missingShards(table, count: count)
            throw CommandFailure(message: "metronome: error: merge: incomplete: \(table.runs.count) of \(table.runs.count + table.missing_runs.count) runs; "
                                 + "missing shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", "))"
                                 + "\n  hint: run the missing shards (metronome sweep … --shard i/\(count)), then merge again",
                                 exitCode: ChaosShardMerge.incompleteExitCode)
        }
        if let reportJSON { try ReportFile.write(try table.json(), to: reportJSON) }
        if let reportHTML { try ReportFile.write(Data(SweepHTML.render(table, currency: shards[0].result.currency).utf8), to: reportHTML) }
        if !quiet {
            print("merged \(shards.count) shard\(shards.count == 1 ? "" : "s") of \(count)")
            print(table.text(currency: shards[0].result.currency))
        }
    }
}
