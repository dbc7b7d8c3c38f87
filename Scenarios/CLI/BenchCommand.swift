import ArgumentParser
import Foundation
import Scenarios

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Metronome's speed, and a scenario's latency per stage against its budgets.",
        discussion: """
            `metronome bench FILE` runs a scenario with per-stage measurement on and prints each stage's \
            latency (simulated and wall) against the scenario's budgets: section; see `metronome bench scenario --help`. \
            Any FILE that is not kernel, log, pipeline or execution is a scenario (write `bench scenario kernel` \
            for a scenario file named like a micro-benchmark).

            Examples:
              metronome bench calm-day --check-budgets --report-json out/stages.json --report-html out/stages.html
              metronome bench kernel --report-json out/kernel.json
              metronome bench log --report-json out/log.json
              metronome bench pipeline --report-json out/pipeline.json
              metronome bench execution --report-json out/execution.json
            """,
        subcommands: [BenchScenarioCommand.self, BenchKernelCommand.self, BenchLogCommand.self, BenchPipelineCommand.self,
                      BenchExecutionCommand.self],
        defaultSubcommand: BenchScenarioCommand.self)
}

struct BenchKernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Deliveries per second through a ring of no-op actors, and timer schedule + fire cost.",
        discussion: """
            Build in release first (`make build`): debug builds are 10–50× slower.

            Example:
              metronome bench kernel --deliveries 20000000 --report-json out/kernel.json
            """)

    @Option(help: "Deliveries to measure through the ring.")
    var deliveries: UInt64 = 10_000_000

    @Option(name: .customLong("ring-size"), help: "Actors in the ring.")
    var ringSize = 64

    @Option(help: "Pings circulating in the ring at once.")
    var tokens = 64

    @Option(help: "Timers to fire in the timer measurement.")
    var timers: UInt64 = 2_000_000

    @Option(name: .customLong("report-json"), help: "Write the JSON result to this path.")
    var reportJSON: String?

    func validate() throws {
        guard deliveries > 0, ringSize > 0, tokens > 0, timers > 0 else {
            throw ValidationError("--deliveries, --ring-size, --tokens and --timers must be positive")
        }
    }

    func run() throws {
        var settings = KernelBenchmark.Settings()
        settings.deliveries = deliveries
        settings.ringSize = ringSize
        settings.tokensInFlight = tokens
        settings.timers = timers
        let result = try KernelBenchmark.run(settings)
        print("kernel ring (\(result.ring_size) no-op actors, \(result.tokens_in_flight) in flight, \(result.build) build)")
        print(String(format: "  deliveries      %@", SummaryTable.grouped(result.deliveries)))
        print(String(format: "  deliveries/s    %@", SummaryTable.grouped(UInt64(result.deliveries_per_second))))
        print(String(format: "  ns/delivery     %.1f", result.ns_per_delivery))
        print("timers (\(result.concurrent_timers) armed at once)")
        print(String(format: "  timers/s        %@", SummaryTable.grouped(UInt64(result.timers_per_second))))
        print(String(format: "  ns/timer        %.1f (schedule + fire)", result.ns_per_timer))
        if let reportJSON {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let url = URL(fileURLWithPath: reportJSON)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (encoder.encode(result) + Data("\n".utf8)).write(to: url)
        }
    }
}

struct BenchLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Journal figures: bytes per quote per codec, encode/decode events per second, recording overhead.",
        discussion: """
            Records the scenario with each codec, reads it back, re-encodes it, and times the run with and \
            without recording (best of --repetitions). Build in release first (`make build`).

            Example:
              metronome bench log one-strategy --report-json out/log.json
            """)

    @Argument(help: "Scenario file or library name (the default has quotes only, so bytes/quote is exact).")
    var scenario: String = "one-strategy"

    @Option(help: "Repetitions of each timing (the best is kept).")
    var repetitions = 3

    @Option(name: .customLong("report-json"), help: "Write the JSON result to this path.")
    var reportJSON: String?

    func run() throws {
        let loaded = try ScenarioArgument.load(scenario)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metronome-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try LogBenchmark.run(scenario: loaded, directory: directory.path, repetitions: max(repetitions, 1)) { step in
            FileHandle.standardError.write(Data("  … \(step)\n".utf8))
        }
        print("journal (\(result.scenario): \(SummaryTable.grouped(result.quotes)) quotes, \(SummaryTable.grouped(result.records)) records, \(result.build) build)")
        print(String(format: "  bytes/quote zstd     %.2f", result.bytes_per_quote_zstd))
        print(String(format: "  bytes/quote lz4      %.2f", result.bytes_per_quote_lz4))
        print(String(format: "  bytes/quote none     %.2f", result.bytes_per_quote_none))
        print(String(format: "  bytes/event zstd     %.2f (every record: inputs and decisions)", result.bytes_per_event_zstd))
        print("  encode events/s      \(SummaryTable.grouped(UInt64(result.encode_events_per_second)))")
        print("  decode events/s      \(SummaryTable.grouped(UInt64(result.decode_events_per_second)))")
        print(String(format: "  run without / with   %.3f s / %.3f s", result.run_seconds_without_recording, result.run_seconds_with_recording))
        print(String(format: "  record overhead      %.3f", result.record_overhead))
        if let reportJSON { try ReportFile.write(result, to: reportJSON) }
    }
}
