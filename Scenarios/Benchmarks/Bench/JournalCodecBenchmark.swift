import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioRunning

/// Journal encode and decode on records held in memory, for `metronome bench log` and the journal
/// suites in Benchmarks/: records → 1 MiB blocks → zstd frames, and back.
public enum JournalCodecBenchmark {
    /// A block as the journal writes it: its zstd frame and the size of the records inside.
    public struct CompressedBlock: Sendable {
        public var frame: [UInt8]
        public var uncompressedBytes: Int
    }

    /// The records of a scenario's recording, in log order (inputs and decisions), read once.
    public static func records(of scenario: Scenario, until: Timestamp? = nil) throws -> [JournalRecord] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("metronome-codec-\(getpid())-\(scenario.name).mlog").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recording = ScenarioRun.Recording(path: path, writer: JournalWriter.Options(fsyncIntervalNanoseconds: nil))
        _ = try ScenarioRun(scenario: scenario, options: .init(until: until, recording: recording)).run()
        var records: [JournalRecord] = []
        var cursor = try JournalReader(path: path).blocks()
        while let block = try cursor.next() {
            var decoder = block.records
            while let record = decoder.next() { records.append(record) }
        }
        return records
    }

    /// Encodes `records` into blocks of the journal's default size and compresses each with zstd
    /// at its default level (one thread: what the writer thread does).
    /// - Complexity: O(records); allocates per block, never per record.
    public static func encode(_ records: [JournalRecord]) throws -> [CompressedBlock] {
        var encoder = BlockEncoder()
        var blocks: [CompressedBlock] = []
        func seal(_ encoder: inout BlockEncoder) throws {
            let frame = try encoder.buffer.withUnsafeBytes { try BlockCodec.zstd.compress($0, level: BlockCodec.zstd.defaultLevel) }
            blocks.append(CompressedBlock(frame: frame, uncompressedBytes: encoder.byteCount))
            encoder.reset()
        }
        for record in records {
            switch record {
            case .input(let input): encoder.append(input)
            case .decision(let decision): encoder.append(decision)
            case .annotation(let signal): encoder.append(annotation: signal)
            }
            if encoder.byteCount >= JournalFormat.defaultBlockBytes { try seal(&encoder) }
        }
        if !encoder.isEmpty { try seal(&encoder) }
        return blocks
    }

    /// Decompresses and decodes every block; returns the records read.
    /// - Complexity: O(records); allocates per block (the decompressed bytes), never per record.
    public static func decode(_ blocks: [CompressedBlock]) throws -> Int {
        var count = 0
        for block in blocks {
            let bytes = try block.frame.withUnsafeBytes { try BlockCodec.zstd.decompress($0, expectedSize: block.uncompressedBytes) }
            var decoder = BlockDecoder(bytes: bytes)
            while decoder.next() != nil { count += 1 }
            if let error = decoder.error { throw error }
        }
        return count
    }
}
