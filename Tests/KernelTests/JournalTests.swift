import Foundation
import Testing
@testable import Kernel
import Messages

@Suite struct JournalTests {
    @Test(arguments: BlockCodec.allCases)
    func everyRecordTypeRoundTrips(codec: BlockCodec) throws {
        let records = JournalFixture.randomRecords(seed: 42, count: 2_000)
        #expect(Set(records.map(\.message.tag)).count == MessageTag.current.count)
        let path = try JournalFixture.writeLog(records, codec: codec, blockBytes: 8_192)
        let (read, damage, closed) = try JournalFixture.readAll(path)
        #expect(read == records)
        #expect(damage == nil)
        #expect(closed)
        let reader = try JournalReader(path: path)
        #expect(reader.header == JournalFixture.header(codec: codec, blockBytes: 8_192))
        let report = JournalVerification.verify(reader)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.blocks > 3)
        #expect(report.trailer?.index.count == report.blocks)
    }

    @Test func varintsRoundTripAtTheEdges() throws {
        var writer = BinaryWriter()
        let values: [UInt64] = [0, 1, 127, 128, 16_383, 16_384, UInt64(UInt32.max), .max]
        let signed: [Int64] = [0, -1, 1, .min, .max, -1_000_000]
        for value in values { Varint.write(value, into: &writer) }
        for value in signed { Varint.writeSigned(value, into: &writer) }
        var reader = BinaryReader(writer.bytes)
        for value in values { #expect(try Varint.read(from: &reader) == value) }
        for value in signed { #expect(try Varint.readSigned(from: &reader) == value) }
        var overlong = BinaryReader([UInt8](repeating: 0xFF, count: 11) + [0])
        #expect(throws: DecodingError.self) { try Varint.read(from: &overlong) }
    }

    @Test func seekByTimeUsesTheIndexAndFallsBackToScanning() throws {
        let records = JournalFixture.randomRecords(seed: 3, count: 3_000)
        let path = try JournalFixture.writeLog(records, blockBytes: 4_096)
        let target = records[2_000].time
        let reader = try JournalReader(path: path)
        let indexed = try reader.seek(to: target)
        // The same log without its index and trailer: seeking must scan descriptors instead.
        let trailer = try #require(reader.readTrailer())
        let cut = JournalFixture.temporaryPath("no-index.mlog")
        try Data(try reader.rawBytes(at: 0, count: Int(trailer.index.last!.offset))).write(to: URL(fileURLWithPath: cut))
        let scanned = try JournalReader(path: cut).seek(to: target)
        #expect(indexed.blockIndex == scanned.blockIndex)
        #expect(indexed.offset == scanned.offset)
        var cursor = reader.blocks(from: indexed.offset, firstBlockIndex: indexed.blockIndex)
        let block = try #require(try cursor.next())
        #expect(block.descriptor.firstTime <= target && block.descriptor.lastTime >= target)
    }

    /// Cut the file at every byte: opening and reading never crash, and what is read is always a
    /// prefix of the original records (whole blocks), with the loss reported.
    @Test func truncationAtEveryOffsetYieldsAValidPrefix() throws {
        let records = JournalFixture.randomRecords(seed: 9, count: 160)
        let path = try JournalFixture.writeLog(records, blockBytes: 1_024)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let original = try JournalReader(path: path)
        let firstBlock = original.firstBlockOffset
        let fullTrailer = try #require(original.readTrailer())
        // Cutting exactly between two frames leaves nothing damaged to report (the missing trailer
        // is what says the log was not closed); anywhere else the loss must be reported.
        let frameBoundaries = Set(fullTrailer.index.map { Int($0.offset) } + [bytes.count - JournalTrailer.frameBytes(formatVersion: JournalFormat.formatVersion)])
        let cut = JournalFixture.temporaryPath("cut.mlog")
        var recoveredSomething = 0
        for length in 0..<bytes.count {
            try bytes.prefix(length).write(to: URL(fileURLWithPath: cut))
            guard let (read, damage, _) = try? JournalFixture.readAll(cut) else {
                #expect(UInt64(length) < firstBlock, "only a cut header may fail to open (length \(length))")
                continue
            }
            #expect(Array(records.prefix(read.count)) == read, "length \(length): not a prefix")
            #expect((try? JournalReader(path: cut))?.readTrailer() == nil, "a cut log is never closed cleanly")
            if read.count < records.count && UInt64(length) > firstBlock && !frameBoundaries.contains(length) {
                #expect(damage != nil, "length \(length): loss not reported")
                #expect(damage.map { $0.offset + $0.bytesLost } == UInt64(length), "length \(length): the report covers the cut tail")
            }
            if !read.isEmpty { recoveredSomething += 1 }
        }
        #expect(recoveredSomething > bytes.count / 2)
    }

    /// Flip one bit at every byte: the full verification always notices.
    @Test func aSingleBitFlipAnywhereIsDetected() throws {
        let records = JournalFixture.randomRecords(seed: 11, count: 120)
        let path = try JournalFixture.writeLog(records, blockBytes: 1_024)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let flipped = JournalFixture.temporaryPath("flipped.mlog")
        for offset in 0..<original.count {
            var bytes = original
            bytes[offset] ^= UInt8(1) << UInt8(offset % 8)
            try bytes.write(to: URL(fileURLWithPath: flipped))
            guard let reader = try? JournalReader(path: flipped) else { continue }  // the header's checksum caught it
            let report = JournalVerification.verify(reader)
            #expect(!report.isIntact, "bit flip at byte \(offset) went unnoticed at offset \(offset) (bit \(offset % 8), byte 0x\(String(original[offset], radix: 16)))")
        }
    }

    /// A crafted frame claiming 4 GiB must be refused from its header, not allocated.
    @Test func hugeLengthsAreRejectedBeforeAllocation() throws {
        var crafted = BinaryWriter()
        crafted.write(JournalFormat.skippableMagic)
        crafted.write(UInt32.max - 16)
        crafted.write(JournalFormat.headerKind)
        crafted.writeRaw([UInt8](repeating: 0, count: 64))
        let path = JournalFixture.temporaryPath("huge.mlog")
        try Data(crafted.bytes).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try JournalReader(path: path)
        } throws: { error in
            "\(error)".contains("over the") && "\(error)".contains("limit")
        }
        // A block descriptor (valid checksum) announcing 1 GiB of data is refused as well.
        let records = JournalFixture.randomRecords(seed: 1, count: 10)
        let good = try JournalFixture.writeLog(records)
        let reader = try JournalReader(path: good)
        var firstCursor = reader.blocks()
        var descriptor = try #require(try firstCursor.next()).descriptor
        descriptor.uncompressedBytes = 1 << 30
        var lying = try reader.rawBytes(at: 0, count: Int(reader.firstBlockOffset))
        lying += descriptor.encodeFrame(formatVersion: reader.header.formatVersion)
        let liar = JournalFixture.temporaryPath("liar.mlog")
        try Data(lying).write(to: URL(fileURLWithPath: liar))
        let liarReader = try JournalReader(path: liar)
        var cursor = liarReader.blocks()
        #expect(try cursor.next() == nil)
        #expect(cursor.damage?.reason.contains("limit") == true)
    }

    /// Damage followed by intact blocks is an error that names the block and its offset.
    @Test func corruptMiddleBlockIsAnErrorNamingIt() throws {
        let records = JournalFixture.randomRecords(seed: 5, count: 400)
        let path = try JournalFixture.writeLog(records, blockBytes: 2_048)
        let reader = try JournalReader(path: path)
        let trailer = try #require(reader.readTrailer())
        let second = trailer.index[1].offset
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[Int(second) + 40] ^= 0x10
        let damaged = JournalFixture.temporaryPath("middle.mlog")
        try bytes.write(to: URL(fileURLWithPath: damaged))
        #expect {
            _ = try JournalFixture.readAll(damaged)
        } throws: { error in
            guard case JournalError.corruptBlock(let block, let offset, _) = error else { return false }
            return block == 1 && offset == second
        }
    }

    @Test func recoveryKeepsTheIntactPrefixAndClosesTheLog() throws {
        let records = JournalFixture.randomRecords(seed: 8, count: 600)
        let path = try JournalFixture.writeLog(records, blockBytes: 2_048)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let torn = JournalFixture.temporaryPath("torn.mlog")
        try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: torn))
        let (prefix, damage, _) = try JournalFixture.readAll(torn)
        #expect(damage != nil)
        let output = JournalFixture.temporaryPath("recovered.mlog")
        let report = try JournalRecovery.recover(input: torn, output: output)
        #expect(!report.wasClean)
        #expect(report.recordsKept == UInt64(prefix.count))
        let (recovered, after, closed) = try JournalFixture.readAll(output)
        #expect(recovered == prefix)
        #expect(after == nil)
        #expect(closed)
        #expect(try JournalReader(path: output).readTrailer()?.stopReason == JournalRecovery.recoveredStopReason)
    }
}

@Suite struct JournalRecorderTests {
    /// Every input fills a block (16-byte blocks), so the encoder is empty when the run ends: the
    /// end-of-run block must still be written, with the final digests.
    @Test func endOfRunBlockIsWrittenEvenWhenEmpty() throws {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        let topic = kernel.topic(named: "feed")
        try kernel.addInput(ArrayInputSource((1...20).map {
            InputRecord(time: UInt64($0) * 1_000, topic: topic, message: .ping(Ping(value: UInt64($0))))
        }))
        let path = JournalFixture.temporaryPath("every-input-a-block.mlog")
        let recorder = try JournalRecorder(path: path, kernel: kernel, scenarioName: "t", scenarioText: "t", buildIdentity: "test",
                                           options: JournalWriter.Options(blockBytes: 16, fsyncIntervalNanoseconds: nil))
        let summary = try kernel.run()
        try recorder.finish(summary: summary)
        let reader = try JournalReader(path: path)
        var cursor = reader.blocks()
        var blocks: [ReadBlock] = []
        while let block = try cursor.next() { blocks.append(block) }
        #expect(blocks.count == 21, "20 one-input blocks and the end-of-run block")
        let last = try #require(blocks.last)
        #expect(last.descriptor.checkpointSequence == .max)
        #expect(last.descriptor.recordCount == 0)
        #expect(last.descriptor.eventDigest == summary.digest)
        #expect(JournalVerification.verify(reader).problems.isEmpty)
    }
}
