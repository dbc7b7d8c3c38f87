import Kernel
import Messages

/// Reads back the records a ``RecordSpillWriter`` wrote, in order, a chunk at a time. A value:
/// copies read independently (each keeps its own position and reads the file at explicit offsets).
struct RecordSpillReader {
    private let file: SpillFile
    /// The data file the records came from, for an error.
    private let origin: String
    private var codec = RecordSpillCodec()
    private var buffer: [UInt8]
    /// Bytes the buffer holds (the slack past them stays unwritten).
    private let capacity: Int
    /// Unread bytes: `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    /// Where in the file the next read starts.
    private var fileOffset = 0

    /// - Parameter chunkBytes: how much is read at a time (tests use tiny reads).
    init(file: SpillFile, origin: String, chunkBytes: Int = RecordSpillWriter.chunkBytes) {
        self.file = file
        self.origin = origin
        capacity = max(chunkBytes, 1) + RecordSpillCodec.maximumRecordBytes
        buffer = [UInt8](repeating: 0, count: capacity + RecordSpillCodec.slackBytes)
    }

    mutating func next() throws -> InputRecord? {
        if end - start < RecordSpillCodec.maximumRecordBytes && fileOffset < file.length { try refill() }
        guard start < end else { return nil }
        let decoded = buffer.withUnsafeBufferPointer { bytes in
            codec.decode(from: bytes.baseAddress! + start, available: end - start)
        }
        guard let decoded else { throw damaged() }
        start += decoded.byteCount
        return decoded.record
    }

    /// Moves the unread bytes to the front and reads the file after them, until a whole record is
    /// there or the file ends (a read may return less than asked).
    private mutating func refill() throws {
        let unread = end - start
        let capacity = self.capacity, length = file.length, file = self.file
        var filled = unread, offset = fileOffset
        let failed = buffer.withUnsafeMutableBytes { bytes -> Bool in
            if unread > 0 { bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + start, byteCount: unread) }
            while filled < RecordSpillCodec.maximumRecordBytes && offset < length {
                let room = UnsafeMutableRawBufferPointer(start: bytes.baseAddress! + filled, count: min(capacity - filled, length - offset))
                guard let read = file.read(at: offset, into: room), read > 0 else { return true }
                filled += read
                offset += read
            }
            return false
        }
        (start, end, fileOffset) = (0, filled, offset)
        if failed { throw damaged() }
    }

    private func damaged() -> DataFileText.Failure {
        DataFileText.Failure(description: "\(origin): the temporary copy of its checked records could not be read back (at byte \(fileOffset - (end - start)))")
    }
}
