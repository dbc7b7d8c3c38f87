import Foundation
import Scenarios
import Testing
@testable import Kernel
import Messages

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
    static func run(_ definition: DigestDefinition, trace: TraceIdentity = .current, recording: ScenarioRun.Recording? = nil,
                    watch: RecordWriter? = nil) throws -> RunOutcome {
        let scenario = try ScenarioLoader.parse(ReplayTests.scenario, file: "replay-test.yaml")
        var options = ScenarioRun.Options(until: scenario.startTime + 600_000_000_000, recording: recording)
        options.digestDefinition = definition
        options.traceIdentity = trace
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
        // Format 1 traces by sequence (TraceIdentity): the stream run does too, to compare.
        _ = try Self.run(.recordChain, watch: chain)
        _ = try Self.run(.recordStream, trace: .inputSequence, watch: stream)
        #expect(chain.events == stream.events)
        #expect(chain.decisions == stream.decisions)
    }

    /// The formats a run can record: the first digest definition (format 1), the stream definition
    /// tracing by sequence (format 3) and by input ordinal (format 4, what runs record now).
    static let formats: [(definition: DigestDefinition, trace: TraceIdentity, version: UInt16)] =
        [(.recordChain, .inputSequence, 1), (.recordStream, .inputSequence, 3), (.recordStream, .inputOrdinal, 4)]

    /// A log of every format says so in its header and replays, verified, with its own digests and
    /// trace ids.
    @Test func aLogOfEveryFormatStillReplaysVerified() throws {
        for format in Self.formats {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString).mlog").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let recording = ScenarioRun.Recording(path: path, writer: JournalWriter.Options(blockBytes: 8_192, fsyncIntervalNanoseconds: nil))
            let original = try Self.run(format.definition, trace: format.trace, recording: recording)
            let header = try JournalReader(path: path).header
            #expect(header.formatVersion == format.version)
            #expect(header.digestDefinition == format.definition)
            #expect(header.traceIdentity == format.trace)
            let replay = try ReplayRun(logPath: path).replay()
            #expect(replay.verified, "format \(header.formatVersion)")
            #expect(replay.divergence == nil)
            #expect(replay.checkpointsChecked > 1)
            #expect(replay.run.summary.digest == original.summary.digest)
            // `metronome log verify` recomputes the decision digest the log's way.
            #expect(JournalVerification.verify(try JournalReader(path: path)).problems.isEmpty, "format \(header.formatVersion)")
        }
        #expect(JournalFormat.formatVersion == 4)
    }

    /// Trace ids are input ordinals from format 4 on: the first input's decisions carry 1.
    @Test func aFormatFourTraceIdIsTheInputsOrdinal() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).mlog").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Self.run(.recordStream, recording: ScenarioRun.Recording(path: path, writer: JournalWriter.Options(fsyncIntervalNanoseconds: nil)))
        var stream = LogRecordStream(reader: try JournalReader(path: path))
        var inputs: UInt64 = 0
        var checked = 0
        while let record = stream.next() {
            switch record {
            case .input: inputs += 1
            case .decision(let decision):
                guard let trace = decision.message.traceID else { continue }
                // A decision is taken on the last input admitted before it (or on a later timer).
                #expect(trace == inputs, "\(decision.message)")
                checked += 1
            case .annotation: break
            }
        }
        #expect(checked > 100)
    }

    /// Logs of formats 1 and 3 are the same run to `metronome diff`; so are formats 3 and 4, whose
    /// trace ids the diff names the same way.
    @Test func logsOfTwoFormatsCompareByTheirRecords() throws {
        var paths: [String] = []
        for format in Self.formats {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("digest-diff-\(UUID().uuidString).mlog").path
            paths.append(path)
            _ = try Self.run(format.definition, trace: format.trace,
                             recording: ScenarioRun.Recording(path: path, writer: JournalWriter.Options(fsyncIntervalNanoseconds: nil)))
        }
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        let diff = try LogDiff.compare(paths[0], paths[1])
        #expect(diff.identical)
        #expect(diff.notes.contains { $0.contains("formats v1 and v3") })
        #expect(diff.a.digest != diff.b.digest)
        let text = DiffReport(diff).text
        #expect(text.contains("same run:") && text.contains("\(diff.a.digest ?? "?") (A), \(diff.b.digest ?? "?") (B)"), "\(text)")
        let acrossTraces = try LogDiff.compare(paths[1], paths[2])
        #expect(acrossTraces.identical, "\(String(describing: acrossTraces.divergence))")
        #expect(acrossTraces.notes.contains { $0.contains("formats v3 and v4, whose trace ids name inputs differently") })
        #expect(acrossTraces.orders.unchanged > 0 && acrossTraces.orders.addedKeys.isEmpty && acrossTraces.orders.removedKeys.isEmpty)
    }

    @Test func anUnknownFormatIsRefusedWithTheVersionsThisBuildReads() throws {
        var header = JournalHeader(buildIdentity: "test", mode: .simulate, seed: 1, startTime: 0, endTime: 0, scenarioName: "x",
                                   scenarioText: "x", codec: .zstd, level: 3, blockBytes: 4_096, topicNames: [], componentNames: [])
        header.formatVersion = 6
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("format-6-\(UUID().uuidString).mlog").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(header.encodeFrame()).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try JournalReader(path: path)
        } throws: { error in
            "\(error)".contains("log format version 6 is not supported (this build reads 1, 2, 3, 4 and 5)")
        }
    }
}
