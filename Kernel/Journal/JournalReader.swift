#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a log: streams blocks in constant memory (one block at a time), seeks by time through
/// the index (or by scanning descriptors when there is none), and on a torn or corrupt tail stops
/// at the longest valid prefix with a ``JournalDamage`` report. Damage followed by intact blocks
/// is an error (``JournalError/corruptBlock(block:offset:message:)``): a log is never silently
/// shortened in the middle.
///
/// Every length read from the file is checked against the format's limits and the file's size
/// before any allocation.
public final class JournalReader {
    public let path: String
    public let fileSize: UInt64
    public let header: JournalHeader
    /// ``JournalHeader/frameDigest`` of the header as read: from format 3 on, every descriptor
    /// and the trailer must repeat it.
    public let headerDigest: UInt64
    /// Offset of the first block (right after the header frame).
    public let firstBlockOffset: UInt64
    let descriptor: Int32

    public init(path: String) throws(JournalError) {
        self.path = path
        // Non-blocking, so that opening a FIFO nobody writes to returns instead of waiting; the
        // file type is checked right after.
        let opened = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard opened >= 0 else { throw JournalError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        descriptor = opened
        var status = stat()
        guard fstat(opened, &status) == 0 else {
            _ = close(opened)
            throw JournalError.io("cannot stat \(path)")
        }
        // A log is read by offset (the trailer from the end, blocks by seeking): a pipe, FIFO,
        // socket, device or directory cannot be, and would look like an empty or torn file.
        guard status.st_mode & S_IFMT == S_IFREG else {
            _ = close(opened)
            throw JournalError.io("\(path) is not a regular file (\(JournalReader.fileTypeName(status.st_mode))): a log must be a file that can be read at any offset — save it to a file first")
        }
        fileSize = UInt64(status.st_size)
        guard fileSize > 0 else {
            _ = close(opened)
            throw JournalError.io("\(path) is empty (0 bytes): not a Metronome log")
        }
        do throws(JournalError) {
            let (kind, payload, next) = try JournalReader.readMetadataFrame(descriptor: opened, at: 0, fileSize: fileSize)
            guard kind == JournalFormat.headerKind else {
                throw JournalError.malformed(offset: 0, message: "not a Metronome log: the first frame is not a header")
            }
            header = try JournalHeader.decode(payload: payload, offset: 0)
            headerDigest = header.frameDigest
            firstBlockOffset = next
        } catch {
            _ = close(opened)
            throw error
        }
    }

    deinit { _ = close(descriptor) }

    private static func fileTypeName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a pipe or FIFO"
        case S_IFDIR: "a directory"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }

    /// Whether this log's blocks and trailer must carry ``headerDigest`` (format 3 on).
    public var bindsHeader: Bool { JournalFormat.bindsHeader(formatVersion: header.formatVersion) }

    // MARK: Trailer and index

    /// The trailer and its index, if the log was closed cleanly, both are intact and the trailer
    /// belongs to this header.
    public func readTrailer() -> JournalTrailer? { trailerStatus().trailer }

    /// The trailer, or why there is none to trust: not closed cleanly, or (format 3) closed under
    /// another header.
    public func trailerStatus() -> (trailer: JournalTrailer?, problem: String?) {
        guard let trailer = readTrailerFrames() else {
            return (nil, "no valid trailer: the log was not closed cleanly (the recording process was killed or failed)")
        }
        if bindsHeader, trailer.headerDigest != headerDigest {
            return (nil, "the trailer was written under another header (header digest \(RunDigest.hex(trailer.headerDigest)), this log's header \(RunDigest.hex(headerDigest))): the header was edited or taken from another log")
        }
        return (trailer, nil)
    }

    private func readTrailerFrames() -> JournalTrailer? {
        let size = UInt64(JournalTrailer.frameBytes(formatVersion: header.formatVersion))
        guard fileSize >= firstBlockOffset + size else { return nil }
        let trailerOffset = fileSize - size
        guard let (kind, payload, end) = try? JournalReader.readMetadataFrame(descriptor: descriptor, at: trailerOffset, fileSize: fileSize),
              kind == JournalFormat.trailerKind, end == fileSize,
              let (trailer, indexOffset) = try? JournalTrailer.decodeTrailer(payload: payload, offset: trailerOffset, formatVersion: header.formatVersion),
              indexOffset >= firstBlockOffset, indexOffset < trailerOffset,
              let (indexKind, indexPayload, indexEnd) = try? JournalReader.readMetadataFrame(descriptor: descriptor, at: indexOffset, fileSize: fileSize),
              indexKind == JournalFormat.indexKind, indexEnd == trailerOffset,
              let index = try? JournalTrailer.decodeIndex(payload: indexPayload, offset: indexOffset, expectedBlocks: trailer.blockCount)
        else { return nil }
        var complete = trailer
        complete.index = index
        return complete
    }

    // MARK: Blocks

    /// Iterates blocks from `offset` (default: the first block).
    public func blocks(from offset: UInt64? = nil, firstBlockIndex: Int = 0) -> BlockCursor {
        BlockCursor(reader: self, offset: offset ?? firstBlockOffset, blockIndex: firstBlockIndex)
    }

    /// The offset and index of the first block whose records may reach `time`: through the index
    /// when the log has one, otherwise by scanning descriptors (without decompressing).
    public func seek(to time: Timestamp) throws(JournalError) -> (offset: UInt64, blockIndex: Int) {
        if let trailer = readTrailer() {
            guard let position = trailer.index.firstIndex(where: { $0.lastTime >= time }) else {
                let end = trailer.index.last.map { $0.offset } ?? firstBlockOffset
                return (end, max(trailer.index.count - 1, 0))
            }
            return (trailer.index[position].offset, position)
        }
        var offset = firstBlockOffset
        var blockIndex = 0
        while offset < fileSize {
            guard let (kind, payload, next) = try? JournalReader.readMetadataFrame(descriptor: descriptor, at: offset, fileSize: fileSize),
                  kind == JournalFormat.descriptorKind else { break }
            let block = try BlockDescriptor.decode(payload: payload, offset: offset, formatVersion: header.formatVersion)
            if block.lastTime >= time { return (offset, blockIndex) }
            offset = next + UInt64(block.compressedBytes)
            blockIndex += 1
        }
        return (offset, blockIndex)
    }

    /// The descriptor of the block whose descriptor frame starts at `offset` (no data read).
    public func descriptor(at offset: UInt64) throws(JournalError) -> BlockDescriptor {
        let (kind, payload, _) = try JournalReader.readMetadataFrame(descriptor: descriptor, at: offset, fileSize: fileSize)
        guard kind == JournalFormat.descriptorKind else { throw JournalError.malformed(offset: offset, message: "expected a block descriptor") }
        return try BlockDescriptor.decode(payload: payload, offset: offset, formatVersion: header.formatVersion)
    }

    /// Reads the block whose descriptor frame starts at `offset`.
    func readBlock(at offset: UInt64, expectedIndex: Int) throws(JournalError) -> (ReadBlock?, next: UInt64, endKind: UInt32?) {
        let (kind, payload, dataOffset) = try JournalReader.readMetadataFrame(descriptor: descriptor, at: offset, fileSize: fileSize)
        if kind == JournalFormat.indexKind || kind == JournalFormat.trailerKind { return (nil, offset, kind) }
        guard kind == JournalFormat.descriptorKind else {
            throw JournalError.malformed(offset: offset, message: "expected a block descriptor, found frame kind 0x\(String(kind, radix: 16))")
        }
        let block = try BlockDescriptor.decode(payload: payload, offset: offset, formatVersion: header.formatVersion)
        guard Int(block.blockIndex) == expectedIndex else {
            throw JournalError.malformed(offset: offset, message: "expected block \(expectedIndex), found block \(block.blockIndex)")
        }
        if bindsHeader, block.headerDigest != headerDigest {
            throw JournalError.malformed(offset: offset, message: "block \(block.blockIndex) was written under another header (header digest \(RunDigest.hex(block.headerDigest)), this log's header \(RunDigest.hex(headerDigest))): the header was edited or taken from another log")
        }
        let compressedCount = UInt64(block.compressedBytes)
        guard dataOffset + compressedCount <= fileSize else {
            throw JournalError.malformed(offset: dataOffset, message: "block \(block.blockIndex)'s data frame is cut short: \(compressedCount) bytes announced, \(fileSize - dataOffset) left")
        }
        let frame = try JournalReader.read(descriptor: descriptor, at: dataOffset, count: Int(compressedCount))
        let frameChecksum = frame.withUnsafeBytes { XXH64.hash($0, seed: 0) }
        guard frameChecksum == block.frameChecksum else {
            throw JournalError.malformed(offset: dataOffset, message: "block \(block.blockIndex)'s data frame checksum mismatch (stored \(RunDigest.hex(block.frameChecksum)), computed \(RunDigest.hex(frameChecksum)))")
        }
        let bytes = try frame.withUnsafeBytes { raw in Result { () throws(JournalError) in
            try block.codec.decompress(raw, expectedSize: Int(block.uncompressedBytes))
        } }.get()
        let checksum = bytes.withUnsafeBytes { XXH64.hash($0, seed: 0) }
        guard checksum == block.checksum else {
            throw JournalError.malformed(offset: dataOffset, message: "block \(block.blockIndex) checksum mismatch (stored \(RunDigest.hex(block.checksum)), computed \(RunDigest.hex(checksum)))")
        }
        let next = dataOffset + compressedCount
        return (ReadBlock(descriptor: block, offset: offset, fileBytes: next - offset, bytes: bytes), next, nil)
    }

    /// True if a valid descriptor, index or trailer frame starts anywhere after `offset`: the
    /// damage at `offset` is then in the middle of the log, not at its tail.
    func hasIntactFrame(after offset: UInt64) -> Bool {
        var found = false
        scanFrames(from: offset + 1) { kind, _, _ in
            found = kind == JournalFormat.descriptorKind || kind == JournalFormat.indexKind || kind == JournalFormat.trailerKind
            return !found
        }
        return found
    }

    /// The intact block descriptors from `offset` on (damaged data may hide some): what was
    /// in the part of a log that cannot be read.
    public func intactDescriptors(from offset: UInt64) -> [BlockDescriptor] {
        var descriptors: [BlockDescriptor] = []
        scanFrames(from: offset) { kind, at, payload in
            if kind == JournalFormat.descriptorKind,
               let block = try? BlockDescriptor.decode(payload: payload, offset: at, formatVersion: header.formatVersion),
               !bindsHeader || block.headerDigest == headerDigest {
                descriptors.append(block)
            }
            return true
        }
        return descriptors
    }

    /// Calls `visit(kind, offset, payload)` for every valid metadata frame starting at or after
    /// `offset`, in file order, until it returns false. Reads 1 MiB at a time.
    private func scanFrames(from offset: UInt64, _ visit: (UInt32, UInt64, [UInt8]) -> Bool) {
        let chunk = 1 << 20
        var position = offset
        let magic = JournalFormat.skippableMagic
        while position + 8 <= fileSize {
            let count = Int(min(UInt64(chunk + 3), fileSize - position))
            guard let bytes = try? JournalReader.read(descriptor: descriptor, at: position, count: count) else { return }
            var index = 0
            while index + 4 <= bytes.count && index < chunk {
                let candidate = UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
                if candidate == magic,
                   let (kind, payload, _) = try? JournalReader.readMetadataFrame(descriptor: descriptor, at: position + UInt64(index), fileSize: fileSize),
                   !visit(kind, position + UInt64(index), payload) {
                    return
                }
                index += 1
            }
            position += UInt64(chunk)
        }
    }

    /// The record count announced by an intact descriptor at `offset`, if there is one.
    func announcedRecordCount(at offset: UInt64) -> UInt32? {
        guard let (kind, payload, _) = try? JournalReader.readMetadataFrame(descriptor: descriptor, at: offset, fileSize: fileSize),
              kind == JournalFormat.descriptorKind,
              let block = try? BlockDescriptor.decode(payload: payload, offset: offset, formatVersion: header.formatVersion) else { return nil }
        return block.recordCount
    }
}
