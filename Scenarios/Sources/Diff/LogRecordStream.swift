import Kernel

/// A log's records one at a time, across blocks, with a running record index. Stops at the first
/// damage (a torn tail): what came before it is still read.
public struct LogRecordStream {
    public let reader: JournalReader
    private var cursor: BlockCursor
    private var block: ReadBlock?
    private var records: BlockDecoder?
    /// Records returned so far.
    public private(set) var index: UInt64 = 0
    /// Why the stream ended early, if it did.
    public private(set) var damage: String?

    public init(reader: JournalReader) {
        self.reader = reader
        cursor = reader.blocks()
    }

    public mutating func next() -> JournalRecord? {
        while true {
            if var current = records {
                if let record = current.next() {
                    records = current
                    index += 1
                    return record
                }
                if let error = current.error {
                    damage = "block \(block?.descriptor.blockIndex ?? 0): \(error)"
                    records = nil
                    return nil
                }
                records = nil
            }
            do {
                guard let nextBlock = try cursor.next() else {
                    if let found = cursor.damage { damage = "\(found)" }
                    return nil
                }
                block = nextBlock
                records = nextBlock.records
            } catch {
                damage = "\(error)"
                return nil
            }
        }
    }
}
