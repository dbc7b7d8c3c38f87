import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioRunning

/// `metronome bench log`: bytes per quote with each codec, encode and decode throughput, and
/// what recording costs a run.
public enum LogBenchmark {
    public struct Result: Codable, Sendable {
        public var benchmark = "log"
        public var scenario: String
        public var quotes: UInt64
        public var records: UInt64
        public var bytes_per_quote_zstd: Double
        public var bytes_per_quote_lz4: Double
        public var bytes_per_quote_none: Double
        /// File bytes per record (inputs and decisions), per codec.
        public var bytes_per_event_zstd: Double
        public var bytes_per_event_lz4: Double
        public var bytes_per_event_none: Double
        /// Records encoded into blocks and compressed with zstd, per second (one thread).
        public var encode_events_per_second: Double
        /// Records read back (frame checks, decompression, checksum, decoding), per second.
        public var decode_events_per_second: Double
        public var run_seconds_without_recording: Double
        public var run_seconds_with_recording: Double
        /// Run time with recording ÷ without, minus 1 (best of `repetitions` each).
        public var record_overhead: Double
        public var repetitions: Int
        public var build: String
    }

    public static func run(scenario: Scenario, directory: String, repetitions: Int = 3, progress: (String) -> Void = { _ in }) throws -> Result {
        let paths = BlockCodec.allCases.map { "\(directory)/bench-\($0).mlog" }
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        // Sizes: record the scenario once per codec.
        var sizes: [BlockCodec: UInt64] = [:]
        var quotes: UInt64 = 0
        for (codec, path) in zip(BlockCodec.allCases, paths) {
            progress("recording with \(codec)")
            let recording = ScenarioRun.Recording(path: path, writer: JournalWriter.Options(codec: codec, fsyncIntervalNanoseconds: nil))
            let outcome = try ScenarioRun(scenario: scenario, options: .init(recording: recording)).run()
            sizes[codec] = outcome.journal?.fileBytes ?? 0
            quotes = outcome.summary.inputs
        }
        // Overhead: best of N runs without and with recording.
        progress("timing runs without and with recording")
        var plain = Double.infinity
        var recorded = Double.infinity
        for _ in 0..<repetitions {
            plain = min(plain, try ScenarioRun(scenario: scenario).run().wallSeconds)
            let recording = ScenarioRun.Recording(path: paths[0], writer: JournalWriter.Options(fsyncIntervalNanoseconds: nil))
            recorded = min(recorded, try ScenarioRun(scenario: scenario, options: .init(recording: recording)).run().wallSeconds)
        }
        // Decode: read the zstd log back completely.
        progress("decoding")
        var records: [JournalRecord] = []
        var decodeSeconds = Double.infinity
        for _ in 0..<repetitions {
            var decoded: [JournalRecord] = []
            decoded.reserveCapacity(records.count)
            let seconds = try timed {
                let reader = try JournalReader(path: paths[0])
                var cursor = reader.blocks()
                while let block = try cursor.next() {
                    var decoder = block.records
                    while let record = decoder.next() { decoded.append(record) }
                }
            }
            decodeSeconds = min(decodeSeconds, seconds)
            records = decoded
        }
        // Encode: the same records into 1 MiB blocks, compressed with zstd.
        progress("encoding")
        var encodeSeconds = Double.infinity
        for _ in 0..<repetitions {
            let seconds = try timed {
                let blocks = try JournalCodecBenchmark.encode(records)
                precondition(!blocks.isEmpty)
            }
            encodeSeconds = min(encodeSeconds, seconds)
        }
        let build = BuildIdentity.configuration
        let perQuote = { (codec: BlockCodec) in quotes > 0 ? Double(sizes[codec] ?? 0) / Double(quotes) : 0 }
        let perEvent = { (codec: BlockCodec) in records.isEmpty ? 0 : Double(sizes[codec] ?? 0) / Double(records.count) }
        return Result(
            scenario: scenario.name, quotes: quotes, records: UInt64(records.count),
            bytes_per_quote_zstd: perQuote(.zstd), bytes_per_quote_lz4: perQuote(.lz4), bytes_per_quote_none: perQuote(.none),
            bytes_per_event_zstd: perEvent(.zstd), bytes_per_event_lz4: perEvent(.lz4), bytes_per_event_none: perEvent(.none),
            encode_events_per_second: (Double(records.count) / encodeSeconds).rounded(),
            decode_events_per_second: (Double(records.count) / decodeSeconds).rounded(),
            run_seconds_without_recording: plain, run_seconds_with_recording: recorded,
            record_overhead: recorded / plain - 1, repetitions: repetitions, build: build)
    }

    private static func timed(_ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return Double(KernelInstant.nanoseconds(of: clock.now - start)) / 1e9
    }
}
