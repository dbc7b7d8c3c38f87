#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file ``JournalRecovery`` writes: the header, blocks appended one by one with their index
/// entries, then the index and the trailer.
struct RecoveryOutput: ~Copyable {
    let path: String
    private let descriptor: Int32
    private(set) var offset: UInt64 = 0
    private(set) var index: [JournalIndexEntry] = []

    init(path: String, headerBytes: [UInt8]) throws(JournalError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw JournalError.io("cannot create \(path): \(String(cString: strerror(errno)))") }
        try write(headerBytes)
    }

    deinit { _ = close(descriptor) }

    /// Appends a block's descriptor and data frames (`bytes`), as described by `descriptor`.
    mutating func append(_ bytes: [UInt8], descriptor block: BlockDescriptor) throws(JournalError) {
        index.append(JournalIndexEntry(offset: offset, firstTime: block.firstTime, lastTime: block.lastTime,
                                       firstSequence: block.firstSequence, recordCount: block.recordCount))
        try write(bytes)
    }

    /// Writes the index and the trailer, and syncs.
    mutating func finish(trailer: JournalTrailer, formatVersion: UInt16) throws(JournalError) {
        let indexOffset = offset
        try write(trailer.encodeIndexFrame())
        try write(trailer.encodeTrailerFrame(indexOffset: indexOffset, formatVersion: formatVersion))
        guard fsync(descriptor) == 0 else { throw JournalError.io("fsync \(path): \(String(cString: strerror(errno)))") }
    }

    private mutating func write(_ bytes: [UInt8]) throws(JournalError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                throw JournalError.io("write \(path): \(String(cString: strerror(errno)))")
            }
            written += result
        }
        offset += UInt64(bytes.count)
    }
}
