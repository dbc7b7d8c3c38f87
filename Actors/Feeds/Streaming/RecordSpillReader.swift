import Kernel
import Messages

/// Reads back the records a ``RecordSpillWriter`` wrote, in order, a chunk at a time. A value:
/// copies read independently (each keeps its own position and reads the file at explicit offsets).
struct RecordSpillReader {
    private let file: SpillFile
    /// The data file the records came from, for an error.
    private let origin: String
    private var codec = RecordSpillCodec()
    private var buffer = [UInt8](repeating: 0, count: RecordSpillReader.capacity + RecordSpillCodec.slackBytes)
    /// Bytes the buffer holds (the slack past them stays unwritten).
    private static let capacity = RecordSpillWriter.chunkBytes + RecordSpillCodec.maximumRecordBytes
    /// Unread bytes: `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    /// Where in the file the next read starts.
    private var fileOffset = 0

    init(file: SpillFile, origin: String) {
        self.file = file
        self.origin = origin
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

    /// Moves the unread bytes to the front and reads the file after them.
    private mutating func refill() throws {
        let unread = end - start
        let read = buffer.withUnsafeMutableBytes { bytes -> Int? in
            if unread > 0 { bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + start, byteCount: unread) }
            let room = UnsafeMutableRawBufferPointer(rebasing: bytes[unread..<RecordSpillReader.capacity])
            return file.read(at: fileOffset, into: UnsafeMutableRawBufferPointer(start: room.baseAddress, count: min(room.count, file.length - fileOffset)))
        }
        guard let read, read > 0 else { throw damaged() }
        fileOffset += read
        start = 0
        end = unread + read
    }

    private func damaged() -> DataFileText.Failure {
        DataFileText.Failure(description: "\(origin): the temporary copy of its checked records could not be read back (at byte \(fileOffset - (end - start)))")
    }
}
