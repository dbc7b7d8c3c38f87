import Kernel
import Messages

/// Who built this binary: stored in every log header and printed by `metronome version`.
public enum BuildIdentity {
    public static let toolVersion = "0.2.0"

    /// `debug` or `release`: figures from a debug build are not comparable.
    public static var configuration: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }

    public static var text: String {
        "metronome \(toolVersion) \(configuration) (zstd \(BlockCodec.zstdLibraryVersion), lz4 \(BlockCodec.lz4LibraryVersion))"
    }
}
