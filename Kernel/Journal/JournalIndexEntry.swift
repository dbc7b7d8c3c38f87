/// One line of the index in the trailer: where a block starts and what time it covers.
public struct JournalIndexEntry: Sendable, Equatable {
    /// Byte offset of the block's descriptor frame.
    public var offset: UInt64
    public var firstTime: Timestamp
    public var lastTime: Timestamp
    public var firstSequence: UInt64
    public var recordCount: UInt32

    static let encodedBytes = 8 * 4 + 4
}
