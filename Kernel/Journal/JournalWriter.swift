import DequeModule

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a log file on its own thread.
///
/// The kernel thread hands over whole uncompressed blocks through a bounded queue; when the
/// queue is full, ``submit(_:)`` waits (back-pressure: nothing is ever dropped). The writer
/// thread checksums, compresses and appends each block, and group-commits: it calls `fsync` at
/// most once per ``Options/fsyncIntervalNanoseconds`` of wall time, and always at close.
public final class JournalWriter: @unchecked Sendable {
    public struct Options: Sendable, Equatable {
        public var codec: BlockCodec
        public var level: Int32
        /// Uncompressed bytes per block before it is cut.
        public var blockBytes: Int
        /// Blocks waiting for the writer thread before the kernel thread waits.
        public var queueCapacity: Int
        /// Wall time between fsyncs: 0 syncs after every block, nil only at close.
        public var fsyncIntervalNanoseconds: DurationNanoseconds?

        public init(codec: BlockCodec = .zstd, level: Int32? = nil, blockBytes: Int = JournalFormat.defaultBlockBytes,
                    queueCapacity: Int = 8, fsyncIntervalNanoseconds: DurationNanoseconds? = 1_000_000_000) {
            self.codec = codec
            self.level = level ?? codec.defaultLevel
            self.blockBytes = blockBytes
            self.queueCapacity = queueCapacity
            self.fsyncIntervalNanoseconds = fsyncIntervalNanoseconds
        }
    }

    /// What the writer did, for reports and benchmarks.
    public struct Statistics: Sendable, Equatable {
        public var blocks = 0
        public var uncompressedBytes: UInt64 = 0
        /// Bytes of the whole file, metadata included.
        public var fileBytes: UInt64 = 0
        public var fsyncs = 0
        /// Times the kernel thread had to wait for a full queue.
        public var backPressureWaits = 0
    }

    public let path: String
    public let options: Options
    /// The header's format version (how descriptors and the trailer are laid out) and digest
    /// (repeated in each of them from format 3 on).
    let formatVersion: UInt16
    let headerDigest: UInt64
    /// Called on the writer thread after block `n` is in the file (the write-ahead file drops
    /// that block's inputs then). Set before the first block is submitted.
    var blockWritten: (@Sendable (UInt32) -> Void)?
    private let descriptor: Int32
    private var mutex = pthread_mutex_t()
    private var queueChanged = pthread_cond_t()
    private var queue: Deque<SealedBlock> = []
    private var closing = false
    private var busy = false
    private var failure: JournalError?
    private var index: [JournalIndexEntry] = []
    private var statistics = Statistics()
    private var offset: UInt64 = 0
    private var lastSyncWallTime: UInt64 = 0
    private var thread = pthread_t()
    /// The writer thread's compressor: one zstd context and one frame buffer for every block.
    private let compressor: BlockCompressor
    /// Block buffers the writer thread is done with, for the kernel thread to fill again
    /// (``takeSpareBlockBytes()``): a fresh megabyte array per block was faulted in page by page.
    private var spareBlockBytes: [[UInt8]] = []

    /// Creates (or truncates) the file and writes the header synchronously.
    public init(path: String, header: JournalHeader, options: Options) throws(JournalError) {
        precondition(options.queueCapacity > 0 && options.blockBytes > 0)
        guard options.blockBytes <= JournalFormat.maximumBlockBytes else {
            throw JournalError.io("block size \(options.blockBytes) exceeds the \(JournalFormat.maximumBlockBytes)-byte limit")
        }
        self.path = path
        self.options = options
        compressor = BlockCompressor(codec: options.codec, level: options.level)
        formatVersion = header.formatVersion
        headerDigest = header.frameDigest
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard opened >= 0 else { throw JournalError.io("cannot create \(path): \(String(cString: strerror(errno)))") }
        descriptor = opened
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&queueChanged, nil)
        do {
            try writeAll(header.encodeFrame())
        } catch {
            closeDescriptor(descriptor)
            throw error
        }
        lastSyncWallTime = JournalWriter.wallTime()
        let box = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(&thread, nil, { raw in  // det-ok: the journal writer thread never touches kernel state
            let writer = Unmanaged<JournalWriter>.fromOpaque(raw!).takeRetainedValue()
            writer.drainLoop()
            return nil
        }, box)
        guard created == 0 else {
            Unmanaged<JournalWriter>.fromOpaque(box).release()
            closeDescriptor(descriptor)
            throw JournalError.io("cannot start the journal writer thread (error \(created))")
        }
    }

    deinit {
        pthread_cond_destroy(&queueChanged)
        pthread_mutex_destroy(&mutex)
    }

    /// Queues a block; waits while the queue is full. Throws the writer thread's first failure.
    func submit(_ block: SealedBlock) throws(JournalError) {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        if queue.count >= options.queueCapacity { statistics.backPressureWaits += 1 }
        while queue.count >= options.queueCapacity && failure == nil {
            pthread_cond_wait(&queueChanged, &mutex)
        }
        if let failure { throw failure }
        queue.append(block)
        pthread_cond_broadcast(&queueChanged)
    }

    /// An empty buffer for the next block's bytes, with the capacity of one already written when
    /// the writer thread has one to spare.
    func takeSpareBlockBytes() -> [UInt8] {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return spareBlockBytes.popLast() ?? []
    }

    /// Waits for every queued block, writes the index and the trailer, syncs and closes.
    func close(trailer: JournalTrailer) throws(JournalError) -> Statistics {
        pthread_mutex_lock(&mutex)
        closing = true
        pthread_cond_broadcast(&queueChanged)
        pthread_mutex_unlock(&mutex)
        pthread_join(thread, nil)
        spareBlockBytes = []
        defer { closeDescriptor(descriptor) }
        if let failure { throw failure }
        var complete = trailer
        complete.index = index
        complete.blockCount = UInt32(index.count)
        complete.headerDigest = headerDigest
        let indexOffset = offset
        try writeAll(complete.encodeIndexFrame())
        try writeAll(complete.encodeTrailerFrame(indexOffset: indexOffset, formatVersion: formatVersion))
        guard fsync(descriptor) == 0 else { throw JournalError.io("fsync \(path): \(String(cString: strerror(errno)))") }
        statistics.fsyncs += 1
        statistics.fileBytes = offset
        return statistics
    }

    /// The writer thread: take a block, checksum, compress, append, maybe sync.
    private func drainLoop() {
        var spent: [UInt8]?
        while true {
            pthread_mutex_lock(&mutex)
            if var bytes = spent.take(), spareBlockBytes.count <= options.queueCapacity {
                bytes.removeAll(keepingCapacity: true)
                spareBlockBytes.append(bytes)
            }
            while queue.isEmpty && !closing { pthread_cond_wait(&queueChanged, &mutex) }
            guard let block = queue.popFirst() else {
                pthread_mutex_unlock(&mutex)
                return
            }
            pthread_cond_broadcast(&queueChanged)
            let failed = failure != nil
            pthread_mutex_unlock(&mutex)
            if failed { continue }
            do {
                try write(block)
                spent = block.bytes
            } catch {
                pthread_mutex_lock(&mutex)
                failure = error
                pthread_cond_broadcast(&queueChanged)
                pthread_mutex_unlock(&mutex)
            }
        }
    }

    /// Compresses a sealed block into `compressor`'s frame and returns its descriptor with the
    /// checksums and sizes filled in: the block as it goes in the file is the descriptor's frame,
    /// then the compressed data frame.
    static func seal(_ block: SealedBlock, with compressor: BlockCompressor, headerDigest: UInt64) throws(JournalError) -> BlockDescriptor {
        var descriptor = block.descriptor
        descriptor.checksum = block.bytes.withUnsafeBytes { XXH64.hash($0, seed: 0) }
        try block.bytes.withUnsafeBytes { raw in Result { () throws(JournalError) in try compressor.compress(raw) } }.get()
        descriptor.codec = compressor.codec
        descriptor.uncompressedBytes = UInt32(block.bytes.count)
        descriptor.compressedBytes = UInt32(compressor.frame.count)
        descriptor.frameChecksum = compressor.frame.withUnsafeBytes { XXH64.hash($0, seed: 0) }
        descriptor.headerDigest = headerDigest
        return descriptor
    }

    /// ``seal(_:with:headerDigest:)`` with a compressor of its own, returning the block's bytes.
    static func frames(of block: SealedBlock, codec: BlockCodec, level: Int32, formatVersion: UInt16,
                       headerDigest: UInt64) throws(JournalError) -> (descriptor: BlockDescriptor, bytes: [UInt8]) {
        let compressor = BlockCompressor(codec: codec, level: level)
        let descriptor = try seal(block, with: compressor, headerDigest: headerDigest)
        return (descriptor, descriptor.encodeFrame(formatVersion: formatVersion) + compressor.frame.bytes)
    }

    private func write(_ block: SealedBlock) throws(JournalError) {
        let descriptor = try JournalWriter.seal(block, with: compressor, headerDigest: headerDigest)
        let blockOffset = offset
        let descriptorFrame = descriptor.encodeFrame(formatVersion: formatVersion)
        try descriptorFrame.withUnsafeBytes { head in
            compressor.frame.withUnsafeBytes { frame in Result { () throws(JournalError) in try writeAll(head, frame) } }
        }.get()
        blockWritten?(descriptor.blockIndex)
        index.append(JournalIndexEntry(offset: blockOffset, firstTime: descriptor.firstTime, lastTime: descriptor.lastTime,
                                       firstSequence: descriptor.firstSequence, recordCount: descriptor.recordCount))
        var synced = false
        if let interval = options.fsyncIntervalNanoseconds {
            let now = JournalWriter.wallTime()
            if now &- lastSyncWallTime >= interval {
                guard fsync(self.descriptor) == 0 else { throw JournalError.io("fsync \(path): \(String(cString: strerror(errno)))") }
                synced = true
                lastSyncWallTime = now
            }
        }
        // `statistics` is shared with `submit` (back-pressure count): update it under the lock.
        pthread_mutex_lock(&mutex)
        statistics.blocks += 1
        statistics.uncompressedBytes += UInt64(block.bytes.count)
        if synced { statistics.fsyncs += 1 }
        pthread_mutex_unlock(&mutex)
    }

    private func writeAll(_ bytes: [UInt8]) throws(JournalError) {
        try bytes.withUnsafeBytes { raw in Result { () throws(JournalError) in try writeAll(raw) } }.get()
    }

    /// Two buffers in one `writev(2)` (the rest, if it writes less, by ``writeAll(_:)``): a block's
    /// descriptor and data frames reach the file together, as one write did when they were one array.
    private func writeAll(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) throws(JournalError) {
        var vectors = [iovec(iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress), iov_len: first.count),
                       iovec(iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress), iov_len: second.count)]
        var written = -1
        while written < 0 {
            written = vectors.withUnsafeMutableBufferPointer { writev(descriptor, $0.baseAddress, 2) }
            if written < 0 && errno != EINTR { throw JournalError.io("write \(path): \(String(cString: strerror(errno)))") }
        }
        offset += UInt64(written)
        if written < first.count {
            try writeAll(UnsafeRawBufferPointer(rebasing: first[written...]))
            try writeAll(second)
        } else if written < first.count + second.count {
            try writeAll(UnsafeRawBufferPointer(rebasing: second[(written - first.count)...]))
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(JournalError) {
        var written = 0
        while written < bytes.count {
            let result = writeDescriptor(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                throw JournalError.io("write \(path): \(String(cString: strerror(errno)))")
            }
            written += result
        }
        offset += UInt64(bytes.count)
    }

    private static func wallTime() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)  // det-ok: group commit paces fsync by wall time on the writer thread
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}

/// The C calls, under names that do not collide with the writer's own methods.
private func closeDescriptor(_ descriptor: Int32) { _ = close(descriptor) }
private func writeDescriptor(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, buffer, count) }
