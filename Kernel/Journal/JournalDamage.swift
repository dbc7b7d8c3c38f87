/// What a torn or corrupt tail cost: the reader keeps every block before it.
public struct JournalDamage: Sendable, Equatable, CustomStringConvertible {
    /// Index of the first block that could not be read.
    public var blockIndex: Int
    /// Byte offset where the damaged data starts.
    public var offset: UInt64
    /// Bytes from that offset to the end of the file.
    public var bytesLost: UInt64
    /// Records in the damaged block, when its descriptor was still readable.
    public var recordsLost: UInt32?
    public var reason: String

    public var description: String {
        let records = recordsLost.map { "\($0) records" } ?? "an unknown number of records"
        return "block \(blockIndex) at byte \(offset) is damaged (\(reason)); \(bytesLost) bytes and \(records) lost from there to the end"
    }
}
