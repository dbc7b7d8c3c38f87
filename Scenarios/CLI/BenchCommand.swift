import ArgumentParser
import Foundation
import Scenarios

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Metronome's speed.",
        discussion: "Example:\n  metronome bench kernel --report-json out/kernel.json",
        subcommands: [BenchKernelCommand.self])
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
