#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An anonymous temporary file: created in `$TMPDIR` (or `/tmp`) and unlinked at once, so it has
/// no name to leak — the system frees it when the last reference closes it, even after a crash.
/// Holds a data file's checked records between its two passes (``RecordSpillWriter``).
final class SpillFile {
    private let descriptor: Int32
    /// Bytes written so far.
    private(set) var length = 0

    /// The directory spills go to: `$TMPDIR`, or `/tmp` when it is unset or empty.
    static var defaultDirectory: String {
        getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// Nil when no temporary file can be made in `directory` (then the caller reads its data file again).
    init?(directory: String = SpillFile.defaultDirectory) {
        var template = Array((directory + "/metronome-spill-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        // Close-on-exec: the processes a run starts (sweep workers, chaos shards) must not inherit
        // it (Glibc's module does not export `mkostemp`, which would set it at once).
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Appends `bytes`; false when the system refused (a full disk): the spill is then unusable.
    func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var written = 0
        while written < bytes.count {
            let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { return false }
            written += result
        }
        length += written
        return true
    }

    /// Reads up to `target.count` bytes at `offset`; the count read, 0 at the end, nil on an error.
    func read(at offset: Int, into target: UnsafeMutableRawBufferPointer) -> Int? {
        while true {
            let result = pread(descriptor, target.baseAddress!, target.count, off_t(offset))
            if result < 0 && errno == EINTR { continue }
            return result < 0 ? nil : result
        }
    }
}
