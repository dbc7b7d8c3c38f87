import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a live feed from standard input on its own thread, into a ``LiveFeedIngest``; the end
/// of input finishes the feed (the run then stops once everything read has been admitted).
public final class StandardInputFeed: @unchecked Sendable {
    private let thread: Thread

    public init(ingest: LiveFeedIngest) {
        thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var failure: String?
            while true {
                let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count < 0 {
                    failure = "reading standard input: \(String(cString: strerror(errno)))"
                    break
                }
                guard count > 0 else { break }
                let open = buffer.withUnsafeBytes { ingest.consume(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                if !open { break }
            }
            ingest.finish(failure: failure)
        }
        thread.name = "metronome.feed.stdin"
    }

    public func start() { thread.start() }
}
