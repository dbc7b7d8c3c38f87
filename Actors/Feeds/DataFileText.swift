/// A data file's text, read as the user has it: plain, gzip-compressed (`.gz`) or
/// zstd-compressed (`.zst`), chosen by the file's extension and checked against its magic bytes.
/// Decompression goes through zlib and libzstd themselves (``DataFileChunks``); a damaged or
/// mislabelled file is refused with its name and what was found, never read as garbage.
public enum DataFileText {
    /// Refused input: the message names the file and what was expected.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public enum Compression: Sendable, Equatable {
        case none, gzip, zstd

        /// By the file name: `.gz` and `.zst` (any case); anything else is plain.
        public init(path: String) {
            let lowered = path.lowercased()
            self = lowered.hasSuffix(".gz") ? .gzip : lowered.hasSuffix(".zst") ? .zstd : .none
        }
    }

    /// The whole text of a small file (daily bars, daily series); tick files are streamed
    /// instead (``DataFileLines``).
    public static func read(path: String) throws(Failure) -> String {
        let chunks = try DataFileChunks(path: path)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = try chunk.withUnsafeMutableBufferPointer { (target) throws(Failure) in try chunks.read(into: target) }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(bytes)
            throw Failure(description: "\(path): not UTF-8 text (an invalid byte at offset \(offset)\(Compression(path: path) == .none ? "" : " of the decompressed text"))")
        }
        return text
    }

    /// The offset of the first byte that breaks UTF-8's structure (a stray continuation byte, a
    /// lead byte without its continuations, or a byte no UTF-8 sequence starts with).
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            let lead = bytes[offset]
            let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3 : lead >= 0xF0 && lead < 0xF5 ? 4 : 0
            guard length > 0, offset + length <= bytes.count else { return offset }
            for next in 1..<length where bytes[offset + next] & 0xC0 != 0x80 { return offset }
            guard String(validating: bytes[offset..<offset + length], as: UTF8.self) != nil else { return offset }
            offset += length
        }
        return offset
    }
}
