import Kernel
import Messages

/// Writes a data file's checked records to a ``SpillFile`` as the checking pass reads them, a
/// chunk at a time (``RecordSpillCodec``), so that the run's pass reads them back instead of
/// parsing the text a second time.
final class RecordSpillWriter {
    static let chunkBytes = 1 << 18
    private let file: SpillFile
    // Only the checking pass's thread touches a writer: no dynamic exclusivity check per record.
    @exclusivity(unchecked) private var codec = RecordSpillCodec()
    private let buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var used = 0

    /// Nil when no temporary file can be made.
    init?() {
        guard let file = SpillFile() else { return nil }
        self.file = file
        buffer = .allocate(capacity: RecordSpillWriter.chunkBytes + RecordSpillCodec.maximumRecordBytes + RecordSpillCodec.slackBytes)
    }

    deinit { buffer.deallocate() }

    /// Adds `record`; false when it cannot be spilled (a message the form does not hold, a full
    /// disk): the caller then drops the spill and reads its file again.
    func append(_ record: InputRecord) -> Bool {
        guard let count = codec.encode(record, at: buffer + used) else { return false }
        used += count
        return used < RecordSpillWriter.chunkBytes || flush()
    }

    /// The spill holding every record appended, or nil when the last chunk could not be written.
    func finish() -> SpillFile? { flush() ? file : nil }

    private func flush() -> Bool {
        defer { used = 0 }
        return file.append(UnsafeRawBufferPointer(start: buffer, count: used))
    }
}
