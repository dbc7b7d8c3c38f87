/// The metadata frame in front of every data block: what the block holds, how to check it, and
/// where the run stood when it was cut (a checkpoint replay compares against).
public struct BlockDescriptor: Sendable, Equatable {
    public var blockIndex: UInt32
    public var codec: BlockCodec
    public var recordCount: UInt32
    public var inputCount: UInt32
    public var firstTime: Timestamp
    public var lastTime: Timestamp
    public var firstSequence: UInt64
    public var lastSequence: UInt64
    public var uncompressedBytes: UInt32
    public var compressedBytes: UInt32
    /// XXH64 of the uncompressed block.
    public var checksum: UInt64
    /// XXH64 of the compressed frame as stored: catches a flipped bit that the codec would not
    /// notice (a header field that does not change the output), before decompressing anything.
    public var frameChecksum: UInt64 = 0
    /// Where the checkpoint below was taken: the sequence number of the input at whose admission
    /// the block was cut (before that input's deliveries), or `UInt64.max` for the end of the run.
    public var checkpointSequence: UInt64
    /// Checkpoint: deliveries so far and the three digests at that point.
    public var deliveries: UInt64
    public var eventDigest: UInt64
    public var decisionDigest: UInt64
    public var inputDigest: UInt64
    /// Format 3: the header frame's digest (``JournalHeader/frameDigest``) — binds the block to
    /// the header it was written under. 0 in older formats.
    public var headerDigest: UInt64 = 0
    /// Format 3: ``JournalFormat/recoveredInputsFlag``; 0 in older formats.
    public var flags: UInt32 = 0

    /// The block holds inputs brought back from a live run's write-ahead file: no decisions, no
    /// checkpoint of its own.
    public var holdsRecoveredInputs: Bool { flags & JournalFormat.recoveredInputsFlag != 0 }

    func encodeFrame(formatVersion: UInt16) -> [UInt8] {
        MetadataFrame.encode(kind: JournalFormat.descriptorKind) { writer in
            writer.write(blockIndex)
            writer.write(codec.rawValue)
            writer.write(recordCount)
            writer.write(inputCount)
            writer.write(firstTime)
            writer.write(lastTime)
            writer.write(firstSequence)
            writer.write(lastSequence)
            writer.write(uncompressedBytes)
            writer.write(compressedBytes)
            writer.write(checksum)
            writer.write(frameChecksum)
            writer.write(checkpointSequence)
            writer.write(deliveries)
            writer.write(eventDigest)
            writer.write(decisionDigest)
            writer.write(inputDigest)
            if JournalFormat.bindsHeader(formatVersion: formatVersion) {
                writer.write(headerDigest)
                writer.write(flags)
            }
        }
    }

    static func decode(payload: [UInt8], offset: UInt64, formatVersion: UInt16) throws(JournalError) -> BlockDescriptor {
        var reader = try MetadataFrame.open(payload: payload, expectedKind: JournalFormat.descriptorKind, offset: offset, what: "block descriptor")
        do {
            let index = try reader.readUInt32()
            let codecRaw = try reader.readUInt8()
            guard let codec = BlockCodec(rawValue: codecRaw) else { throw JournalError.malformed(offset: offset, message: "unknown codec \(codecRaw)") }
            var descriptor = BlockDescriptor(
                blockIndex: index, codec: codec, recordCount: try reader.readUInt32(), inputCount: try reader.readUInt32(),
                firstTime: try reader.readUInt64(), lastTime: try reader.readUInt64(), firstSequence: try reader.readUInt64(),
                lastSequence: try reader.readUInt64(), uncompressedBytes: try reader.readUInt32(), compressedBytes: try reader.readUInt32(),
                checksum: try reader.readUInt64(), frameChecksum: try reader.readUInt64(), checkpointSequence: try reader.readUInt64(), deliveries: try reader.readUInt64(), eventDigest: try reader.readUInt64(),
                decisionDigest: try reader.readUInt64(), inputDigest: try reader.readUInt64())
            if JournalFormat.bindsHeader(formatVersion: formatVersion) {
                descriptor.headerDigest = try reader.readUInt64()
                descriptor.flags = try reader.readUInt32()
                guard descriptor.flags & ~JournalFormat.recoveredInputsFlag == 0 else {
                    throw JournalError.malformed(offset: offset, message: "block \(index) has unknown flags 0x\(String(descriptor.flags, radix: 16))")
                }
            }
            guard reader.isAtEnd else {
                throw JournalError.malformed(offset: offset, message: "block \(index)'s descriptor has \(reader.remaining) bytes more than format \(formatVersion) defines")
            }
            guard descriptor.inputCount <= descriptor.recordCount else {
                throw JournalError.malformed(offset: offset, message: "block \(index) claims \(descriptor.inputCount) inputs among \(descriptor.recordCount) records")
            }
            guard Int(descriptor.uncompressedBytes) <= JournalFormat.maximumBlockBytes,
                  Int(descriptor.compressedBytes) <= JournalFormat.maximumBlockBytes + 65_536 else {
                throw JournalError.malformed(offset: offset, message: "block \(index) claims \(descriptor.uncompressedBytes) bytes (\(descriptor.compressedBytes) compressed), over the \(JournalFormat.maximumBlockBytes)-byte limit")
            }
            guard descriptor.firstTime <= descriptor.lastTime, descriptor.firstSequence <= descriptor.lastSequence else {
                throw JournalError.malformed(offset: offset, message: "block \(index) has an inverted time or sequence range")
            }
            return descriptor
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError.malformed(offset: offset, message: "block descriptor: \(error)")
        }
    }
}
