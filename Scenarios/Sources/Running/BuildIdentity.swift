import Kernel

/// Who built this binary: stored in every log header and printed by `metronome version`.
public enum BuildIdentity {
    public static let toolVersion = "0.2.0"

    public static var text: String {
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        return "metronome \(toolVersion) \(build) (zstd \(BlockCodec.zstdLibraryVersion), lz4 \(BlockCodec.lz4LibraryVersion))"
    }
}
