import Kernel
import Messages

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
    /// Set once the stream returned its last record.
    private var ended = false
    /// The last input's time: the next block's inputs must not be earlier.
    private var lastInputTime: Timestamp = 0

    public init(reader: JournalReader) {
        self.reader = reader
        cursor = reader.blocks()
    }

    public mutating func next() -> JournalRecord? {
        guard !ended else { return nil }
        while true {
            if var current = records {
                if let record = current.next() {
                    records = current
                    index += 1
                    if case .input(let input) = record { lastInputTime = input.time }
                    return record
                }
                if let error = current.error {
                    damage = "block \(block?.descriptor.blockIndex ?? 0): \(error)"
                    records = nil
                    ended = true
                    return nil
                }
                records = nil
            }
            do {
                guard let nextBlock = try cursor.next() else {
                    if let found = cursor.damage {
                        damage = "\(found)"
                    } else if !cursor.reachedTrailer, let problem = reader.trailerStatus().problem {
                        damage = problem
                    }
                    ended = true
                    return nil
                }
                block = nextBlock
                records = nextBlock.records(inputsNotBefore: lastInputTime)
            } catch {
                damage = "\(error)"
                ended = true
                return nil
            }
        }
    }
}
