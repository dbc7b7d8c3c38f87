import Foundation
@testable import Kernel
import Messages
import Testing

/// The writer compresses every block with one reused zstd context and one frame buffer
/// (`BlockCompressor`), and writes a block's two frames with one `writev`: the file must hold, for
/// every block, exactly what a fresh compression of that block gives (`BlockCodec.compress`, which
/// makes its own context), so that a log does not depend on what was compressed before it.
@Suite struct WriterFramesTests {
    @Test(arguments: BlockCodec.allCases)
    func everyDataFrameIsAFreshCompressionOfItsBlock(codec: BlockCodec) throws {
        let path = try JournalFixture.writeLog(JournalFixture.randomRecords(seed: 3, count: 3_000), codec: codec, blockBytes: 4096)
        let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let reader = try JournalReader(path: path)
        var cursor = reader.blocks()
        var blocks = 0
        var end = 0
        while let block = try cursor.next() {
            let descriptorFrame = block.descriptor.encodeFrame(formatVersion: reader.header.formatVersion)
            let start = Int(block.offset)
            end = Int(block.offset + block.fileBytes)
            #expect(Array(file[start..<start + descriptorFrame.count]) == descriptorFrame, "block \(blocks)'s descriptor")
            let fresh = try block.bytes.withUnsafeBytes { try codec.compress($0, level: codec.defaultLevel) }
            #expect(Array(file[start + descriptorFrame.count..<end]) == fresh, "block \(blocks)'s data frame")
            blocks += 1
        }
        #expect(blocks >= 5, "several blocks, so that the context is reused")
        #expect(end < file.count, "the index and the trailer follow the last block")
    }
}
