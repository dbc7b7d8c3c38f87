import Kernel
import Messages

/// Makes every checksum in a (mutated) log valid again, the way a crafted file would: the
/// metadata frames' XXH64, each block descriptor's frame and block checksums, and the header's
/// scenario digest. Without this almost every mutation dies at the first checksum and the
/// decoders behind it (header fields, descriptors, records, index, trailer) are never reached.
///
/// Walks the frames from the start as the reader does (docs/log-format.md): a metadata frame is
/// `magic u32 | size u32 | kind u32 | body | xxh64 u64`; a descriptor frame is followed by its
/// data frame of `compressedBytes` bytes. Stops at the first thing that is not a frame.
enum ChecksumRepair {
    static let frameHeaderBytes = 8
    static let checksumBytes = 8

    static func repaired(_ original: [UInt8]) -> [UInt8] {
        var bytes = original
        var offset = 0
        while offset + frameHeaderBytes + 12 <= bytes.count {
            guard readUInt32(bytes, offset) == JournalFormat.skippableMagic else { break }
            let size = Int(readUInt32(bytes, offset + 4))
            let payload = offset + frameHeaderBytes
            guard size >= 12, payload + size <= bytes.count else { break }
            let kind = readUInt32(bytes, payload)
            var next = payload + size
            switch kind {
            case JournalFormat.headerKind:
                repairScenarioDigest(&bytes, body: payload + 4, end: payload + size - checksumBytes)
            case JournalFormat.descriptorKind:
                if let dataEnd = repairBlockChecksums(&bytes, body: payload + 4, end: payload + size - checksumBytes, data: next) {
                    next = dataEnd
                }
            default:
                break
            }
            let checksum = XXH64.hash(bytes[payload..<(payload + size - checksumBytes)])
            writeUInt64(&bytes, payload + size - checksumBytes, checksum)
            offset = next
        }
        return bytes
    }

    /// Header body: magic u64, format u16, schema u16, build string, mode u8, seed, start, end
    /// (u64 each), name string, scenario text string, then the text's XXH64.
    private static func repairScenarioDigest(_ bytes: inout [UInt8], body: Int, end: Int) {
        var position = body + 8 + 2 + 2
        guard skipString(bytes, &position, end: end) else { return }
        position += 1 + 8 * 3
        guard skipString(bytes, &position, end: end) else { return }
        guard position + 4 <= end else { return }
        let textLength = Int(readUInt32(bytes, position))
        let text = position + 4
        guard textLength <= end - text, text + textLength + 8 <= end else { return }
        writeUInt64(&bytes, text + textLength, XXH64.hash(bytes[text..<(text + textLength)]))
    }

    /// Descriptor body: block index u32, codec u8, record and input counts u32, four u64 times
    /// and sequences, uncompressed and compressed sizes u32, block checksum u64, frame checksum
    /// u64, ... Returns where the block's data frame ends, if it fits in the file.
    private static func repairBlockChecksums(_ bytes: inout [UInt8], body: Int, end: Int, data: Int) -> Int? {
        let codecOffset = body + 4
        let sizesOffset = codecOffset + 1 + 4 + 4 + 8 * 4
        let checksumOffset = sizesOffset + 8
        guard checksumOffset + 16 <= end else { return nil }
        let uncompressed = Int(readUInt32(bytes, sizesOffset))
        let compressed = Int(readUInt32(bytes, sizesOffset + 4))
        guard compressed <= bytes.count - data else { return nil }
        let frame = Array(bytes[data..<(data + compressed)])
        writeUInt64(&bytes, checksumOffset + 8, XXH64.hash(frame))
        if let codec = BlockCodec(rawValue: bytes[codecOffset]), uncompressed <= JournalFormat.maximumBlockBytes,
           let block = try? frame.withUnsafeBytes({ raw in try codec.decompress(raw, expectedSize: uncompressed) }) {
            writeUInt64(&bytes, checksumOffset, XXH64.hash(block))
        }
        return data + compressed
    }

    private static func skipString(_ bytes: [UInt8], _ position: inout Int, end: Int) -> Bool {
        guard position + 4 <= end else { return false }
        let length = Int(readUInt32(bytes, position))
        guard length <= end - position - 4 else { return false }
        position += 4 + length
        return true
    }

    private static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    private static func writeUInt64(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt64) {
        for index in 0..<8 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
    }
}
