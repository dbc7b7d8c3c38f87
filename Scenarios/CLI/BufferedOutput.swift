import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard output in 64 KiB chunks: NDJSON of millions of records without a write per line.
/// When the reader closes the pipe (`| head`), it says so (``isClosed``) instead of failing.
final class BufferedOutput {
    private var buffer: [UInt8] = []
    private(set) var isClosed = false

    init() { buffer.reserveCapacity(1 << 16) }

    func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        var written = 0
        while written < buffer.count && !isClosed {
            let result = buffer.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + written, $0.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                // EPIPE (the reader is gone) or any other failure: nothing more can be shown.
                isClosed = true
                return
            }
            written += result
        }
    }
}
