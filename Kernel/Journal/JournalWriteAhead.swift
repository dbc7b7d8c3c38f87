#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The write-ahead file of a live recording: every admitted input is appended to it with one
/// `write(2)` when the kernel admits it — before any component handles it — so an input that
/// kills the process is on disk even though the block it was encoded into died in memory. The
/// page cache outlives the process, so no `fsync` is needed for that (a power cut is what the
/// log's own group commit is for).
///
/// It is a folder beside the log (`LOG.wal/`) of one segment per block: segment `n` holds the
/// inputs of block `n`, and is deleted once block `n` is in the log, so the folder holds only
/// what the log does not (a few blocks at most). A clean close deletes the folder;
/// ``JournalRecovery`` brings its inputs back after the last complete block.
///
/// Segment: `magic u32 "MTWA" | block u32 | header_digest u64`, then entries
/// `length u32 | xxh64(body, seed: header_digest) u64 | body`, body
/// `time u64 | sequence u64 | topic u32 | deliveries u64 | fragment u8 | tag u16 | payload`.
public final class JournalWriteAhead {
    public let directory: String
    private let headerDigest: UInt64
    private var descriptor: Int32 = -1
    private var entry = BinaryWriter(reservingCapacity: 256)
    /// The first failure to write; the recorder stops the run on it.
    public private(set) var failure: JournalError?

    static let segmentMagic: UInt32 = 0x4157_544D  // "MTWA"
    static let segmentHeaderBytes = 16
    static let entryHeaderBytes = 12
    static let entryFixedBytes = 8 + 8 + 4 + 8 + 1 + 2
    /// No segment is read whole beyond this: a block's inputs, written with fixed-width fields.
    static let maximumSegmentBytes = 4 * JournalFormat.maximumBlockBytes

    public static func directory(forLog path: String) -> String { path + ".wal" }

    /// Creates the folder (replacing one left by an earlier recording to this path: the log it
    /// belonged to is being overwritten) and opens segment 0.
    init(logPath: String, headerDigest: UInt64) throws(JournalError) {
        directory = JournalWriteAhead.directory(forLog: logPath)
        self.headerDigest = headerDigest
        JournalWriteAhead.removeFolder(directory)
        guard mkdir(directory, 0o755) == 0 else {
            throw JournalError.io("cannot create the write-ahead folder \(directory): \(String(cString: strerror(errno)))")
        }
        startSegment(0)
        if let failure { throw failure }
    }

    deinit { if descriptor >= 0 { _ = close(descriptor) } }

    /// Appends one admitted input with a single `write(2)`. Kernel thread.
    func append(_ input: RecordedInput, payload: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        entry.reset()
        entry.write(UInt32(JournalWriteAhead.entryFixedBytes + payload.count))
        entry.write(UInt64(0))  // the checksum, patched below
        entry.write(input.time)
        entry.write(input.sequence)
        entry.write(input.topic.rawValue)
        entry.write(input.deliveriesBefore)
        entry.write(input.digestFragment)
        entry.write(input.message.tag.rawValue)
        entry.writeRaw(payload)
        let seed = headerDigest
        let checksum = entry.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[JournalWriteAhead.entryHeaderBytes...]), seed: seed) }
        entry.overwrite(checksum, at: 4)
        entry.withUnsafeBytes { writeOnce($0) }
    }

    /// Closes the current segment and opens segment `block`. Kernel thread, at a block's cut.
    func startSegment(_ block: UInt32) {
        if descriptor >= 0 { _ = close(descriptor) }
        let path = JournalWriteAhead.segmentPath(directory, block)
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            failure = failure ?? JournalError.io("cannot create \(path): \(String(cString: strerror(errno)))")
            return
        }
        var header = BinaryWriter(reservingCapacity: JournalWriteAhead.segmentHeaderBytes)
        header.write(JournalWriteAhead.segmentMagic)
        header.write(block)
        header.write(headerDigest)
        header.withUnsafeBytes { writeOnce($0) }
    }

    /// Block `block` is in the log: its inputs are no longer needed here. Writer thread.
    static func dropSegment(directory: String, block: UInt32) {
        _ = unlink(segmentPath(directory, block))
    }

    /// The log was closed cleanly: it holds every input.
    func finish() {
        if descriptor >= 0 { _ = close(descriptor) }
        descriptor = -1
        JournalWriteAhead.removeFolder(directory)
    }

    private func writeOnce(_ bytes: UnsafeRawBufferPointer) {
        var written = 0
        while written < bytes.count {
            let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                failure = failure ?? JournalError.io("write \(directory): \(String(cString: strerror(errno)))")
                return
            }
            written += result
        }
    }

    static func segmentPath(_ directory: String, _ block: UInt32) -> String {
        let digits = String(block)
        return directory + "/" + String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }

    /// The segment numbers in a write-ahead folder, ascending.
    static func segments(in directory: String) -> [UInt32] {
        guard let folder = opendir(directory) else { return [] }
        defer { closedir(folder) }
        var numbers: [UInt32] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.utf8.count == 10, name.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = UInt32(name) else { continue }
            numbers.append(number)
        }
        return numbers.sorted()  // readdir's order is the file system's: sort it
    }

    static func removeFolder(_ directory: String) {
        for segment in segments(in: directory) { _ = unlink(segmentPath(directory, segment)) }
        _ = rmdir(directory)
    }
}
