/// Walks a log's blocks in order. Returns nil at the end: after the last block of a cleanly
/// closed log (``reachedTrailer``), or at a torn tail (``damage`` says what was lost). Throws
/// ``JournalError/corruptBlock(block:offset:message:)`` for damage with intact blocks after it.
public struct BlockCursor {
    let reader: JournalReader
    public private(set) var offset: UInt64
    public private(set) var blockIndex: Int
    public private(set) var damage: JournalDamage?
    public private(set) var reachedTrailer = false
    private var finished = false
    /// Set after the end-of-run block: nothing but the index and the trailer may follow it.
    private var sawEndOfRunBlock = false

    init(reader: JournalReader, offset: UInt64, blockIndex: Int) {
        self.reader = reader
        self.offset = offset
        self.blockIndex = blockIndex
    }

    public mutating func next() throws(JournalError) -> ReadBlock? {
        guard !finished else { return nil }
        if offset == reader.fileSize {
            finished = true
            damage = nil
            return nil
        }
        do throws(JournalError) {
            let (read, next, endKind) = try reader.readBlock(at: offset, expectedIndex: blockIndex)
            guard let block = read, endKind == nil else {
                finished = true
                reachedTrailer = true
                return nil
            }
            guard !sawEndOfRunBlock else {
                throw JournalError.malformed(offset: offset, message: "block \(blockIndex) follows the end-of-run block")
            }
            sawEndOfRunBlock = block.descriptor.checkpointSequence == .max
            offset = next
            blockIndex += 1
            return block
        } catch {
            finished = true
            if reader.hasIntactFrame(after: offset) {
                throw JournalError.corruptBlock(block: blockIndex, offset: offset, message: error.description)
            }
            damage = JournalDamage(blockIndex: blockIndex, offset: offset, bytesLost: reader.fileSize - offset,
                                   recordsLost: recordsAnnounced(), reason: error.description)
            return nil
        }
    }

    /// The damaged block's record count, if its descriptor is intact.
    private func recordsAnnounced() -> UInt32? { reader.announcedRecordCount(at: offset) }
}
