import CLZ4
import CZstd

/// Build identity: the tool's version and the codecs it links.
enum MetronomeVersion {
    static let tool = "0.1.0"

    static var text: String {
        "metronome \(tool) (zstd \(String(cString: ZSTD_versionString())), lz4 \(String(cString: LZ4_versionString())))"
    }
}
