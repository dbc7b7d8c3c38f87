#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file the fuzz targets rewrite with every input, for code under test that reads a path
/// (the journal reader, the CSV feed source). One directory per process, so that `-fork` and
/// `-jobs` workers never share a file; in RAM (`/dev/shm`) when the system has it, since it is
/// rewritten tens of thousands of times a second.
public struct ScratchFile {
    public let path: String

    /// `name` is the file's name inside this process's scratch directory.
    /// A file at a given path, left in place at exit.
    public init(path: String) { self.path = path }

    public init(name: String) {
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        let directory = "\(base)/metronome-fuzz-\(getpid())"
        _ = mkdir(directory, 0o700)
        path = "\(directory)/\(name)"
        ScratchFile.register(path, directory: directory)
    }

    /// Replaces the file's content with `bytes`; false if the file cannot be written (the
    /// input is then skipped: a full disk is not a finding).
    @discardableResult
    public func replaceContent(with bytes: UnsafeRawBufferPointer) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { _ = close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += result
        }
        return true
    }

    public func remove() { _ = unlink(path) }

    // MARK: Clean-up at exit

    private static var registered: [String] = []
    private static var directories: [String] = []

    private static func register(_ path: String, directory: String) {
        if registered.isEmpty && directories.isEmpty { atexit { ScratchFile.removeAll() } }
        registered.append(path)
        if !directories.contains(directory) { directories.append(directory) }
    }

    private static func removeAll() {
        for path in registered { _ = unlink(path) }
        for directory in directories { _ = rmdir(directory) }
    }
}
