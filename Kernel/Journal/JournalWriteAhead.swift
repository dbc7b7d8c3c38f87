#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The write-ahead file of a live recording: every admitted input is copied into it when the
/// kernel admits it — before any component handles it — so an input that kills the process is
/// in the file even though the block it was encoded into died in memory. The segment is a shared
/// memory mapping of the file: a store into it is in the page cache at once, which outlives the
/// process, so an input costs a copy, not a system call, and no `fsync` (a power cut is what the
/// log's own group commit is for). A `write(2)` per input cost several times more tick-to-order
/// latency than the mapping, whose cost is a minor page fault on the first store into each 4 KiB
/// page; prefaulting (MAP_POPULATE or fallocate) moved that to the segment's start as
/// millisecond stalls, which is worse (docs/performance.md, "The write-ahead folder").
///
/// It is a folder beside the log (`LOG.wal/`) of one segment per block: segment `n` holds the
/// inputs of block `n`, and is deleted once block `n` is in the log, so the folder holds only
/// what the log does not (a few blocks at most). A clean close deletes the folder;
/// ``JournalRecovery`` brings its inputs back after the last complete block.
///
/// Segment: `magic u32 "MTWA" | block u32 | header_digest u64`, then entries
/// `length u32 | xxh64(body, seed: header_digest) u64 | body`, body
/// `time u64 | sequence u64 | topic u32 | deliveries u64 | fragment u8 | tag u16 | payload`; the
/// file is preallocated, so a length of 0 ends it (trimmed when the segment is closed).
public final class JournalWriteAhead {
    public let directory: String
    private let headerDigest: UInt64
    private var descriptor: Int32 = -1
    private var entry = BinaryWriter(reservingCapacity: 256)
    /// The current segment's mapping, its size and the bytes used.
    private var mapping: UnsafeMutableRawPointer?
    private var capacity = 0
    private var used = 0
    private let initialCapacity: Int
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
    init(logPath: String, headerDigest: UInt64, blockBytes: Int = JournalFormat.defaultBlockBytes) throws(JournalError) {
        directory = JournalWriteAhead.directory(forLog: logPath)
        self.headerDigest = headerDigest
        // A block's inputs in fixed-width entries: rarely more than twice the block's varints.
        initialCapacity = max(64 << 10, 2 * blockBytes)
        JournalWriteAhead.removeFolder(directory)
        guard mkdir(directory, 0o755) == 0 else {
            throw JournalError.io("cannot create the write-ahead folder \(directory): \(String(cString: strerror(errno)))")
        }
        startSegment(0)
        if let failure { throw failure }
    }

    deinit { closeSegment() }

    /// Appends one admitted input: a copy into the segment's shared mapping. Kernel thread.
    func append<Payload: KernelPayload>(_ input: KernelRecordedInput<Payload>, payload: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        entry.reset()
        entry.write(UInt32(JournalWriteAhead.entryFixedBytes + payload.count))
        entry.write(UInt64(0))  // the checksum, patched below
        entry.write(input.time)
        entry.write(input.sequence)
        entry.write(input.topic.rawValue)
        entry.write(input.deliveriesBefore)
        entry.write(input.digestFragment)
        entry.write(input.message.payloadTag)
        entry.writeRaw(payload)
        let seed = headerDigest
        let checksum = entry.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[JournalWriteAhead.entryHeaderBytes...]), seed: seed) }
        entry.overwrite(checksum, at: 4)
        entry.withUnsafeBytes { store($0) }
    }

    /// Closes the current segment and opens segment `block`. Kernel thread, at a block's cut.
    func startSegment(_ block: UInt32) {
        closeSegment()
        let path = JournalWriteAhead.segmentPath(directory, block)
        descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            failure = failure ?? JournalError.io("cannot create \(path): \(String(cString: strerror(errno)))")
            return
        }
        guard map(capacity: initialCapacity) else { return }
        var header = BinaryWriter(reservingCapacity: JournalWriteAhead.segmentHeaderBytes)
        header.write(JournalWriteAhead.segmentMagic)
        header.write(block)
        header.write(headerDigest)
        header.withUnsafeBytes { store($0) }
    }

    /// Block `block` is in the log: its inputs are no longer needed here. Writer thread.
    static func dropSegment(directory: String, block: UInt32) {
        _ = unlink(segmentPath(directory, block))
    }

    /// The log was closed cleanly: it holds every input.
    func finish() {
        closeSegment()
        JournalWriteAhead.removeFolder(directory)
    }

    /// Copies `bytes` into the mapping, growing the file when it is full.
    private func store(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, mapping != nil else { return }
        if used + bytes.count > capacity {
            if let current = mapping { _ = munmap(current, capacity) }
            mapping = nil
            guard map(capacity: max(2 * capacity, used + bytes.count)) else { return }
        }
        (mapping! + used).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        used += bytes.count
    }

    /// Sizes the segment file to `size` bytes and maps it whole, shared.
    private func map(capacity size: Int) -> Bool {
        guard ftruncate(descriptor, off_t(size)) == 0 else {
            failure = failure ?? JournalError.io("cannot size a write-ahead segment in \(directory): \(String(cString: strerror(errno)))")
            return false
        }
        let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else {
            failure = failure ?? JournalError.io("cannot map a write-ahead segment in \(directory): \(String(cString: strerror(errno)))")
            return false
        }
        mapping = mapped
        capacity = size
        return true
    }

    /// Unmaps the current segment and trims the file to what was written.
    private func closeSegment() {
        if let mapping { _ = munmap(mapping, capacity) }
        mapping = nil
        if descriptor >= 0 {
            _ = ftruncate(descriptor, off_t(used))
            _ = close(descriptor)
        }
        descriptor = -1
        capacity = 0
        used = 0
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
