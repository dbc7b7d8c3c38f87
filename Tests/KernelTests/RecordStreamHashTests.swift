import Testing
@testable import Kernel
import Messages

@Suite struct RecordStreamHashTests {
    /// Records of every length from 0 to 100 bytes, with the value read after some of them and
    /// the buffer compacted many times (past its threshold): always the XXH64 of every byte so far.
    @Test func itIsTheXXH64OfEverythingWritten() {
        var stream = RecordStreamHash()
        var written: [UInt8] = []
        #expect(stream.value == 0xEF46_DB37_51D8_E999, "XXH64 of nothing")
        var state: UInt64 = 0x1234_5678
        for recordIndex in 0..<600 {
            let length = recordIndex % 101
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let byte = UInt8(truncatingIfNeeded: state >> 56)
                stream.records.write(byte)
                written.append(byte)
            }
            stream.recordEnded()
            if recordIndex % 7 == 0 || recordIndex % 101 == 31 {
                #expect(stream.value == XXH64.hash(written), "after record \(recordIndex), \(written.count) bytes")
            }
        }
        #expect(written.count > 4 * RecordStreamHash.compactThresholdBytes)
        #expect(stream.value == XXH64.hash(written))
        #expect(stream.records.count < 32, "whole stripes are hashed as they gather, not kept")
    }

    /// 100 bytes written as one record or as many give the same value.
    @Test func theWayBytesAreSplitIntoRecordsDoesNotMatter() {
        let bytes = (0..<100).map { UInt8($0) }
        var whole = RecordStreamHash()
        for byte in bytes { whole.records.write(byte) }
        whole.recordEnded()
        var pieces = RecordStreamHash()
        for (index, byte) in bytes.enumerated() {
            pieces.records.write(byte)
            if index % 3 == 0 { pieces.recordEnded() }
            if index == 40 { _ = pieces.value }
        }
        pieces.recordEnded()
        #expect(whole.value == XXH64.hash(bytes))
        #expect(pieces.value == whole.value)
    }
}
