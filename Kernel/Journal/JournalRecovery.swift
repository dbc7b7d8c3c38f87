#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites a torn or damaged log as a clean one: the header and every intact block copied
/// verbatim, then a new index and a trailer whose digests are the last intact block's
/// checkpoint (stop reason `recovered`). Says exactly what was lost.
public enum JournalRecovery {
    public struct Report: Sendable {
        public var blocksKept: Int
        public var recordsKept: UInt64
        public var inputsKept: UInt64
        /// The damage that ended the copy (nil when the input log was intact).
        public var damage: JournalDamage?
        /// The input was cleanly closed and intact: the output is a plain copy.
        public var wasClean: Bool
        /// Last time covered by the recovered log.
        public var lastTime: Timestamp
    }

    public static let recoveredStopReason = "recovered"

    public static func recover(input: String, output: String) throws(JournalError) -> Report {
        let reader = try JournalReader(path: input)
        let wasClosed = reader.readTrailer() != nil
        var cursor = reader.blocks()
        var index: [JournalIndexEntry] = []
        var outputOffset = UInt64(0)
        let headerBytes = try reader.rawBytes(at: 0, count: Int(reader.firstBlockOffset))
        outputOffset += UInt64(headerBytes.count)
        var records: UInt64 = 0
        var inputs: UInt64 = 0
        var decisions: UInt64 = 0
        var last: BlockDescriptor?
        var damage: JournalDamage?
        let descriptor = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw JournalError.io("cannot create \(output): \(String(cString: strerror(errno)))") }
        defer { _ = close(descriptor) }
        try writeAll(descriptor, headerBytes, path: output)
        while true {
            let block: ReadBlock?
            do {
                block = try cursor.next()
            } catch {
                // Damage in the middle: keep what precedes it, and say so.
                if case .corruptBlock(let number, let offset, let message) = error {
                    damage = JournalDamage(blockIndex: number, offset: offset, bytesLost: reader.fileSize - offset,
                                           recordsLost: reader.announcedRecordCount(at: offset),
                                           reason: message + " (a corrupt block in the middle: the intact blocks after it are dropped too, since the run cannot be rebuilt past the hole)")
                }
                break
            }
            guard let block else {
                damage = cursor.damage
                break
            }
            let raw = try reader.rawBytes(at: block.offset, count: Int(block.fileBytes))
            index.append(JournalIndexEntry(offset: outputOffset, firstTime: block.descriptor.firstTime, lastTime: block.descriptor.lastTime,
                                           firstSequence: block.descriptor.firstSequence, recordCount: block.descriptor.recordCount))
            outputOffset += UInt64(raw.count)
            try writeAll(descriptor, raw, path: output)
            records += UInt64(block.descriptor.recordCount)
            inputs += UInt64(block.descriptor.inputCount)
            decisions += UInt64(block.descriptor.recordCount - block.descriptor.inputCount)
            last = block.descriptor
        }
        let clean = wasClosed && damage == nil
        let checkpoint = last
        let trailer = JournalTrailer(
            index: index, blockCount: UInt32(index.count), recordCount: records, inputCount: inputs, decisionCount: decisions,
            deliveries: checkpoint?.deliveries ?? 0, inputDigest: checkpoint?.inputDigest ?? 0,
            eventDigest: checkpoint?.eventDigest ?? 0, decisionDigest: checkpoint?.decisionDigest ?? 0,
            endTime: checkpoint?.lastTime ?? reader.header.startTime,
            stopReason: clean ? (reader.readTrailer()?.stopReason ?? "") : recoveredStopReason)
        try writeAll(descriptor, trailer.encodeIndexFrame(), path: output)
        try writeAll(descriptor, trailer.encodeTrailerFrame(indexOffset: outputOffset), path: output)
        guard fsync(descriptor) == 0 else { throw JournalError.io("fsync \(output): \(String(cString: strerror(errno)))") }
        return Report(blocksKept: index.count, recordsKept: records, inputsKept: inputs, damage: damage, wasClean: clean,
                      lastTime: checkpoint?.lastTime ?? reader.header.startTime)
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(JournalError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                throw JournalError.io("write \(path): \(String(cString: strerror(errno)))")
            }
            written += result
        }
    }
}
