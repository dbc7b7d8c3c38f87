import Foundation
import Kernel
import Messages
import Scenarios

/// The running binary's identity for shard results: its version and configuration, and the XXH64
/// of its file, so that a binary rebuilt after a fix (same version) is another build and a complete
/// shard of the old one is run again, while copies of one build on many nodes agree.
enum ExecutableDigest {
    static func buildText() throws -> String {
        let path = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let data: Data
        do { data = try Data(contentsOf: path, options: .alwaysMapped) } catch {
            throw CommandFailure.badInput("metronome: error: cannot read this binary (\(path.path)) to identify its build: \(error.localizedDescription)")
        }
        let digest = data.withUnsafeBytes { XXH64.hash($0, seed: 0) }
        return "\(BuildIdentity.text) xxh64:\(String(digest, radix: 16))"
    }
}
