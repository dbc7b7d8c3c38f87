import Foundation
import Scenarios
import Testing
@testable import Kernel
import Messages

@Suite struct ReplayTests {
    static let scenario = """
        version: 1
        name: replay-test
        seed: 21
        start: 2024-03-01T14:30:00Z
        duration: 40m
        universe:
          - symbol: AAA
        feeds:
          - type: gbm
            interval: 250ms
            volatility: 0.3
            initial_price: 100.00
        agents:
          - type: ema-cross
            fast: 8
            slow: 32
        trader:
          min_confidence: 0.1
        """

    static func record(blockBytes: Int = 16_384) throws -> (path: String, outcome: RunOutcome) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString).mlog").path
        let scenario = try ScenarioLoader.parse(ReplayTests.scenario, file: "replay-test.yaml")
        let recording = ScenarioRun.Recording(path: path, writer: JournalWriter.Options(blockBytes: blockBytes, fsyncIntervalNanoseconds: nil))
        let outcome = try ScenarioRun(scenario: scenario, options: .init(recording: recording)).run()
        return (path, outcome)
    }

    @Test func recordThenReplayIsBitForBit() throws {
        let (path, original) = try ReplayTests.record()
        let outcome = try ReplayRun(logPath: path).replay()
        #expect(outcome.divergence == nil)
        #expect(outcome.verified)
        #expect(outcome.run.summary.digest == original.summary.digest)
        #expect(outcome.run.summary.decisionDigest == original.summary.decisionDigest)
        #expect(outcome.inputsChecked == original.summary.inputs)
        #expect(outcome.decisionsChecked > 0)
        #expect(outcome.checkpointsChecked > 2)
    }

    /// A trailer whose counts were changed and resealed claims a run the log does not hold: the
    /// replay reproduces the digests but must not call it verified.
    @Test func aTrailerClaimingOtherCountsIsNotVerified() throws {
        let (path, _) = try ReplayTests.record()
        let intact = try ReplayRun(logPath: path).replay()
        #expect(intact.verified, "\(String(describing: intact.divergence))")
        for change in [{ (trailer: inout JournalTrailer) in trailer.recordCount += 1 },
                       { (trailer: inout JournalTrailer) in trailer.inputCount += 1; trailer.recordCount += 1 },
                       { (trailer: inout JournalTrailer) in trailer.decisionCount -= 1; trailer.recordCount -= 1 }] {
            let forged = try LogAlteration.alterTrailer(in: path, change)
            let outcome = try ReplayRun(logPath: forged).replay()
            #expect(!outcome.verified)
            #expect(outcome.divergence?.detail == "the trailer's counts differ from what the log holds and the replay reproduced")
        }
    }

    /// Rewrites the log with input #`target` changed (a valid log with valid checksums, whose
    /// checkpoints still describe the original run): the replay must point at exactly that input.
    @Test func alteredInputIsLocatedExactly() throws {
        let (path, _) = try ReplayTests.record()
        let target = 1_000
        let (altered, changed, _) = try LogAlteration.alterQuote(in: path, inputIndex: target, bidDelta: -7)

        let outcome = try ReplayRun(logPath: altered).replay()
        let divergence = try #require(outcome.divergence)
        #expect(!outcome.verified)
        #expect(divergence.kind == .events)
        #expect(divergence.eventIndex == changed.deliveriesBefore, "the altered input's first delivery")
        #expect(divergence.time == changed.time)
        #expect(divergence.actor == "feed.guard", "the first subscriber of market.raw.quotes")
        #expect(divergence.detail.contains("input #\(target) "))
        #expect(divergence.detail.contains("\"bid\":\(try #require({ if case .quote(let q) = changed.message { q.bidPrice } else { nil } }()))"))
    }

    /// A trailer whose digest does not match the run (with a valid frame checksum) fails the
    /// verification, as does a log whose last block is not the end-of-run block.
    @Test func finalDigestsAreComparedWithTheTrailer() throws {
        let (path, _) = try ReplayTests.record()
        let reader = try JournalReader(path: path)
        var trailer = try #require(reader.readTrailer())
        let indexOffset = try #require(trailer.index.last).offset
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let trailerOffset = bytes.count - JournalTrailer.frameBytes(formatVersion: JournalFormat.formatVersion)
        // Find the index frame's offset: the trailer records it.
        let (_, originalIndexOffset) = try JournalTrailer.decodeTrailer(payload: Array(bytes[(trailerOffset + 8)...]), offset: UInt64(trailerOffset), formatVersion: JournalFormat.formatVersion)
        #expect(originalIndexOffset > indexOffset)
        trailer.eventDigest ^= 1
        bytes.replaceSubrange(trailerOffset..., with: trailer.encodeTrailerFrame(indexOffset: originalIndexOffset, formatVersion: JournalFormat.formatVersion))
        let tampered = path.replacingOccurrences(of: ".mlog", with: "-tampered.mlog")
        try bytes.write(to: URL(fileURLWithPath: tampered))
        let outcome = try ReplayRun(logPath: tampered).replay()
        #expect(!outcome.verified)
        #expect(outcome.divergence?.kind == .final)
        #expect(outcome.divergence?.expected.contains("trailer") == true)
        let report = JournalVerification.verify(try JournalReader(path: tampered))
        #expect(!report.isIntact)
    }

    /// Cut by --until right after a block boundary: the end-of-run block is still written, and
    /// the log verifies (a regression the review found: the final checkpoint used to be skipped).
    @Test func everyLogEndsWithAnEndOfRunBlock() throws {
        for blockBytes in [4_096, 5_000, 16_384] {
            let (path, original) = try ReplayTests.record(blockBytes: blockBytes)
            let reader = try JournalReader(path: path)
            var cursor = reader.blocks()
            var last: BlockDescriptor?
            while let block = try cursor.next() { last = block.descriptor }
            #expect(last?.checkpointSequence == .max)
            #expect(last?.eventDigest == original.summary.digest)
            #expect(JournalVerification.verify(reader).problems.isEmpty)
            let outcome = try ReplayRun(logPath: path).replay()
            #expect(outcome.verified)
            #expect(outcome.checkpointsChecked >= 2)
        }
    }

    @Test func untilStopsEarlyAndSaysWhatWasCompared() throws {
        let (path, original) = try ReplayTests.record()
        let start = try JournalReader(path: path).header.startTime
        let outcome = try ReplayRun(logPath: path, until: start + 10 * 60 * 1_000_000_000).replay()
        #expect(outcome.divergence == nil)
        #expect(!outcome.verified)
        #expect(outcome.limitation?.contains("--until") == true)
        #expect(outcome.run.summary.deliveries < original.summary.deliveries)
    }
}
