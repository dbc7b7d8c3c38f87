import Foundation
import Scenarios
import Testing
@testable import Kernel

/// The digests are what docs/determinism.md says they are — computed here from the delivered
/// events and emitted decisions, independently of the kernel — and a log of the first format
/// still replays, verified, under its own definition.
@Suite struct DigestDefinitionTests {
    /// Writes every delivery's and every decision's canonical record, as documented.
    final class RecordWriter: DeliveryObserver, InputObserver {
        var events: [UInt8] = []
        var decisions: [UInt8] = []
        var eventRecords: [[UInt8]] = []
        var decisionRecords: [[UInt8]] = []

        func kernel(_ kernel: Kernel, delivering event: ScheduledEvent, index: UInt64) {
            var record = BinaryWriter()
            record.write(event.key.time)
            record.write(event.key.sequence)
            record.write(event.source.rawValue)
            record.write(event.target.rawValue)
            record.write(event.message.tag.rawValue)
            event.message.encodePayload(into: &record)
            eventRecords.append(record.bytes)
            events += record.bytes
        }

        func kernel(_ kernel: Kernel, admitted input: AdmittedInput) {}

        func kernel(_ kernel: Kernel, emitted decision: RecordedDecision) {
            var record = BinaryWriter()
            record.write(decision.time)
            record.write(decision.source.rawValue)
            record.write(decision.message.tag.rawValue)
            decision.message.encodePayload(into: &record)
            decisionRecords.append(record.bytes)
            decisions += record.bytes
        }
    }

    /// The replay test's scenario (one symbol, EMA cross, simple trader), for ten minutes.
    static func run(_ definition: DigestDefinition, recording: ScenarioRun.Recording? = nil,
                    watch: RecordWriter? = nil) throws -> RunOutcome {
        let scenario = try ScenarioLoader.parse(ReplayTests.scenario, file: "replay-test.yaml")
        var options = ScenarioRun.Options(until: scenario.startTime + 600_000_000_000, recording: recording)
        options.digestDefinition = definition
        let run = try ScenarioRun(scenario: scenario, options: options)
        if let watch {
            run.kernel.deliveryObserver = watch
            run.kernel.addObserver(watch)
        }
        return try run.run()
    }

    @Test func theStreamDigestsAreTheXXH64OfTheRecordsConcatenated() throws {
        let records = RecordWriter()
        let outcome = try Self.run(.recordStream, watch: records)
        #expect(records.eventRecords.count == Int(outcome.summary.deliveries))
        #expect(records.decisionRecords.count > 10, "the run made decisions")
        #expect(outcome.summary.digest == XXH64.hash(records.events))
        #expect(outcome.summary.decisionDigest == XXH64.hash(records.decisions))
        // Watching the deliveries does not change them.
        #expect(try Self.run(.recordStream).summary.digest == outcome.summary.digest)
    }

    @Test func theChainDigestsHashEachRecordWithThePreviousValueAsSeed() throws {
        let records = RecordWriter()
        let outcome = try Self.run(.recordChain, watch: records)
        let event = records.eventRecords.reduce(UInt64(0)) { XXH64.hash($1, seed: $0) }
        let decision = records.decisionRecords.reduce(UInt64(0)) { XXH64.hash($1, seed: $0) }
        #expect(outcome.summary.digest == event)
        #expect(outcome.summary.decisionDigest == decision)
        #expect(outcome.summary.digest != XXH64.hash(records.events), "the two definitions really differ")
    }

    /// The definition changes the digests, never the run.
    @Test func bothDefinitionsRunTheSameEvents() throws {
        let chain = RecordWriter()
        let stream = RecordWriter()
        _ = try Self.run(.recordChain, watch: chain)
        _ = try Self.run(.recordStream, watch: stream)
        #expect(chain.events == stream.events)
        #expect(chain.decisions == stream.decisions)
    }

    /// A log recorded under the first definition (format 1) says so in its header and replays,
    /// verified, with its own digests; format 2 logs are what runs record now.
    @Test func aFormatOneLogStillReplaysVerified() throws {
        for definition in DigestDefinition.allCases {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString).mlog").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let recording = ScenarioRun.Recording(path: path, writer: JournalWriter.Options(blockBytes: 8_192, fsyncIntervalNanoseconds: nil))
            let original = try Self.run(definition, recording: recording)
            let header = try JournalReader(path: path).header
            #expect(header.formatVersion == definition.journalFormatVersion)
            #expect(header.digestDefinition == definition)
            let replay = try ReplayRun(logPath: path).replay()
            #expect(replay.verified, "format \(header.formatVersion)")
            #expect(replay.divergence == nil)
            #expect(replay.checkpointsChecked > 1)
            #expect(replay.run.summary.digest == original.summary.digest)
            // `metronome log verify` recomputes the decision digest the log's way.
            #expect(JournalVerification.verify(try JournalReader(path: path)).problems.isEmpty, "format \(header.formatVersion)")
        }
        #expect(JournalFormat.formatVersion == 3)
    }

    /// A format-1 and a format-3 recording of one run are the same run to `metronome diff`.
    @Test func logsOfTwoFormatsCompareByTheirRecords() throws {
        var paths: [String] = []
        for definition in DigestDefinition.allCases {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("digest-diff-\(UUID().uuidString).mlog").path
            paths.append(path)
            _ = try Self.run(definition, recording: ScenarioRun.Recording(path: path, writer: JournalWriter.Options(fsyncIntervalNanoseconds: nil)))
        }
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        let diff = try LogDiff.compare(paths[0], paths[1])
        #expect(diff.identical)
        #expect(diff.notes.contains { $0.contains("formats v1 and v3") })
        #expect(diff.a.digest != diff.b.digest)
        let text = DiffReport(diff).text
        #expect(text.contains("same run:") && text.contains("\(diff.a.digest ?? "?") (A), \(diff.b.digest ?? "?") (B)"), "\(text)")
    }

    @Test func anUnknownFormatIsRefusedWithTheVersionsThisBuildReads() throws {
        var header = JournalHeader(buildIdentity: "test", mode: .simulate, seed: 1, startTime: 0, endTime: 0, scenarioName: "x",
                                   scenarioText: "x", codec: .zstd, level: 3, blockBytes: 4_096, topicNames: [], componentNames: [])
        header.formatVersion = 4
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("format-4-\(UUID().uuidString).mlog").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(header.encodeFrame()).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try JournalReader(path: path)
        } throws: { error in
            "\(error)".contains("log format version 4 is not supported (this build reads 1, 2 and 3)")
        }
    }
}
