import Foundation
import Testing
@testable import Kernel
import Messages

/// The rules that keep a log honest (docs/log-format.md, "Rules a log obeys"): its header is
/// bound to its body, input times never go back, checkpoints cannot be switched off, and
/// recovery decodes every block and counts exactly what it lost.
@Suite struct JournalTruthTests {
    /// A fixture log of many blocks and its bytes.
    static func log(count: Int = 600, blockBytes: Int = 1_024) throws -> (path: String, bytes: [UInt8]) {
        let path = try JournalFixture.writeLog(JournalFixture.randomRecords(seed: 11, count: count), blockBytes: blockBytes)
        return (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    static func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = JournalFixture.temporaryPath(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Rewrites the descriptor of block `index` in place (its frame checksum recomputed, as a
    /// hostile editor would).
    static func editingDescriptor(of path: String, block index: Int, _ edit: (inout BlockDescriptor) -> Void) throws -> [UInt8] {
        let reader = try JournalReader(path: path)
        let entry = try #require(reader.readTrailer()).index[index]
        var descriptor = try reader.descriptor(at: entry.offset)
        edit(&descriptor)
        let frame = descriptor.encodeFrame(formatVersion: reader.header.formatVersion)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes.replaceSubrange(Int(entry.offset)..<Int(entry.offset) + frame.count, with: frame)
        return bytes
    }

    @Test func aHeaderFromAnotherRunIsDetectedByEveryBlockAndTheTrailer() throws {
        let (path, bytes) = try Self.log()
        let reader = try JournalReader(path: path)
        var other = reader.header
        other.seed = 42
        let swapped = try Self.write(other.encodeFrame() + bytes[Int(reader.firstBlockOffset)...], "swapped.mlog")
        let swappedReader = try JournalReader(path: swapped)
        #expect(swappedReader.header.seed == 42, "the forged header is well-formed on its own")
        #expect(swappedReader.trailerStatus().problem?.contains("written under another header") == true)
        var cursor = swappedReader.blocks()
        #expect(throws: JournalError.self) { _ = try cursor.next() }
        let report = JournalVerification.verify(swappedReader)
        #expect(!report.isIntact)
        #expect(report.problems.contains { $0.contains("block 0 was written under another header") }, "\(report.problems)")
    }

    @Test func inputTimesThatGoBackAreRejectedWithTheirOffset() throws {
        var encoder = BlockEncoder()
        let quote = Message.ping(Ping(value: 1))
        encoder.append(RecordedInput(time: 1_000, sequence: 1, topic: TopicID(rawValue: 0), message: quote, deliveriesBefore: 0, digestFragment: 0))
        // A decision may carry a later time than the next input (a fill at its venue time).
        encoder.append(RecordedDecision(time: 5_000, source: ActorID(rawValue: 0), message: quote))
        encoder.append(RecordedInput(time: 2_000, sequence: 2, topic: TopicID(rawValue: 0), message: quote, deliveriesBefore: 0, digestFragment: 0))
        let firstBytes = encoder.byteCount
        encoder.append(RecordedInput(time: 1_999, sequence: 3, topic: TopicID(rawValue: 0), message: quote, deliveriesBefore: 0, digestFragment: 0))
        #expect {
            _ = try BlockDecoder.decodeAll(encoder.buffer.bytes)
        } throws: { error in
            let decoding = error as? DecodingError
            return decoding?.message.contains("input time goes backwards") == true && decoding.map { $0.offset > firstBytes } == true
        }
    }

    @Test func aBlocksInputsMustNotPrecedeThePreviousBlocksLastInput() throws {
        let (path, _) = try Self.log()
        var cursor = try JournalReader(path: path).blocks()
        _ = try #require(try cursor.next())
        let second = try #require(try cursor.next())
        var decoder = second.records(inputsNotBefore: second.descriptor.lastTime + 1)
        #expect(decoder.next() == nil)
        #expect(decoder.error?.message.contains("input time goes backwards") == true)
    }

    @Test func aCheckpointCannotBeSwitchedOffByItsSequenceField() throws {
        let (path, _) = try Self.log()
        let edited = try Self.write(try Self.editingDescriptor(of: path, block: 1) { $0.checkpointSequence = 0 }, "checkpoint.mlog")
        let report = JournalVerification.verify(try JournalReader(path: edited))
        #expect(report.problems.contains { $0.contains("block 1") && $0.contains("checkpoint is at input 0") }, "\(report.problems)")
    }

    @Test func recoveryDoesNotTrapOnADescriptorClaimingMoreInputsThanRecords() throws {
        let (path, _) = try Self.log()
        let edited = try Self.write(try Self.editingDescriptor(of: path, block: 2) { $0.inputCount = $0.recordCount + 5 }, "inputs.mlog")
        let output = JournalFixture.temporaryPath("inputs-recovered.mlog")
        let report = try JournalRecovery.recover(input: edited, output: output)
        #expect(report.blocksKept == 2)
        #expect(!report.wasClean)
        #expect(report.damage?.reason.contains("inputs among") == true, "\(String(describing: report.damage))")
        let verified = JournalVerification.verify(try JournalReader(path: output))
        #expect(verified.problems.isEmpty, "\(verified.problems)")
    }

    /// Valid checksums around a block whose records disagree with its descriptor: recover does
    /// not call the log intact, and what it writes verifies.
    @Test func recoveryDecodesEveryBlockBeforeCallingALogIntact() throws {
        let (path, _) = try Self.log()
        let blocks = try #require(try JournalReader(path: path).readTrailer()).index.count
        let edited = try Self.write(try Self.editingDescriptor(of: path, block: blocks - 2) { $0.recordCount -= 1 }, "count.mlog")
        let output = JournalFixture.temporaryPath("count-recovered.mlog")
        let report = try JournalRecovery.recover(input: edited, output: output)
        #expect(!report.wasClean)
        #expect(report.blocksKept == blocks - 2)
        #expect(report.damage?.reason.contains("descriptor says") == true, "\(String(describing: report.damage))")
        let verified = JournalVerification.verify(try JournalReader(path: output))
        #expect(verified.problems.isEmpty, "\(verified.problems)")
    }

    @Test func recoveryCountsEveryRecordLostAfterACorruptMiddleBlock() throws {
        let (path, bytes) = try Self.log()
        let trailer = try #require(try JournalReader(path: path).readTrailer())
        var damaged = bytes
        damaged[Int(trailer.index[3].offset) + 200] ^= 0xFF
        let output = JournalFixture.temporaryPath("middle-recovered.mlog")
        let report = try JournalRecovery.recover(input: try Self.write(damaged, "middle.mlog"), output: output)
        let kept = trailer.index.prefix(3).reduce(UInt64(0)) { $0 + UInt64($1.recordCount) }
        #expect(report.recordsKept == kept)
        #expect(report.loss.records == trailer.recordCount - kept)
        #expect(report.loss.isExact)
    }

    @Test func recoveryCountsALossFromTheSurvivingDescriptorsWithoutATrailer() throws {
        let (path, bytes) = try Self.log()
        let trailer = try #require(try JournalReader(path: path).readTrailer())
        // Cut inside the data of the second-to-last block: no trailer, its descriptor intact.
        let lastBlocks = trailer.index.suffix(2)
        let cut = Int(lastBlocks.first!.offset) + 200
        let output = JournalFixture.temporaryPath("torn-recovered.mlog")
        let report = try JournalRecovery.recover(input: try Self.write(Array(bytes.prefix(cut)), "torn.mlog"), output: output)
        #expect(report.loss.records == UInt64(lastBlocks.first!.recordCount))
        #expect(report.loss.isExact)
        #expect(report.recordsKept + report.loss.records + UInt64(lastBlocks.last!.recordCount) == trailer.recordCount)
    }

    @Test func aPipeIsRefusedAsALog() throws {
        let path = JournalFixture.temporaryPath("fifo")
        #expect(mkfifo(path, 0o600) == 0)
        #expect {
            _ = try JournalReader(path: path)
        } throws: { error in
            "\(error)".contains("is not a regular file (a pipe or FIFO)")
        }
    }

    /// The write-ahead folder gives back the inputs after the log's last one, stops at a torn
    /// entry (keeping those before it), and refuses to skip a missing segment.
    @Test func writeAheadInputsStopAtATornEntryAndAtAHole() throws {
        let log = JournalFixture.temporaryPath("wal.mlog")
        let digest: UInt64 = 0xABCD
        let inputs = JournalFixture.randomRecords(seed: 3, count: 60).compactMap { record -> RecordedInput? in
            if case .input(let input) = record { return input } else { return nil }
        }
        let writeAhead = try JournalWriteAhead(logPath: log, headerDigest: digest)
        var payload = BinaryWriter(reservingCapacity: 256)
        for (position, input) in inputs.enumerated() {
            if position == 10 { writeAhead.startSegment(1) }
            payload.reset()
            input.message.encodePayload(into: &payload)
            payload.withUnsafeBytes { writeAhead.append(input, payload: $0) }
        }
        // Read as a dead process leaves it: segment 1 still mapped, preallocated, untrimmed.
        let all = WriteAheadInputs<Message>.read(logPath: log, headerDigest: digest, firstBlock: 0, afterSequence: nil, notBefore: 0)
        #expect(all.inputs == inputs)
        #expect(all.problem == nil)
        writeAhead.startSegment(2)
        let after = WriteAheadInputs<Message>.read(logPath: log, headerDigest: digest, firstBlock: 0, afterSequence: inputs[4].sequence, notBefore: 0)
        #expect(after.inputs == Array(inputs[5...]))
        let foreign = WriteAheadInputs<Message>.read(logPath: log, headerDigest: digest + 1, firstBlock: 0, afterSequence: nil, notBefore: 0)
        #expect(foreign.inputs.isEmpty && foreign.problem?.contains("not a write-ahead segment of block 0 of this log") == true)
        // A torn last entry: the ones before it come back.
        let segment = JournalWriteAhead.segmentPath(writeAhead.directory, 1)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: segment))
        try bytes.dropLast(3).write(to: URL(fileURLWithPath: segment))
        let torn = WriteAheadInputs<Message>.read(logPath: log, headerDigest: digest, firstBlock: 0, afterSequence: nil, notBefore: 0)
        #expect(torn.inputs == Array(inputs.dropLast()))
        #expect(torn.problem?.contains("torn or damaged") == true)
        // Block 0 written (its segment dropped) but missing from the log: a hole.
        JournalWriteAhead.dropSegment(directory: writeAhead.directory, block: 0)
        let hole = WriteAheadInputs<Message>.read(logPath: log, headerDigest: digest, firstBlock: 0, afterSequence: nil, notBefore: 0)
        #expect(hole.inputs.isEmpty)
        #expect(hole.problem?.contains("starts at block 1") == true)
        writeAhead.finish()
        #expect(!FileManager.default.fileExists(atPath: writeAhead.directory))
    }
}
