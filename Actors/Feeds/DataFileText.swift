import CZlib
import CZstd
import Foundation

/// A data file's text, read as the user has it: plain, gzip-compressed (`.gz`) or
/// zstd-compressed (`.zst`), chosen by the file's extension and checked against its magic bytes.
/// Decompression goes through zlib and libzstd themselves; a damaged or mislabelled file is
/// refused with its name and what was found, never read as garbage.
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

    public static func read(path: String) throws(Failure) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path): cannot read the file (missing or unreadable)")
        }
        let bytes: [UInt8]
        switch Compression(path: path) {
        case .none: bytes = [UInt8](data)
        case .gzip: bytes = try gunzip([UInt8](data), path: path)
        case .zstd: bytes = try unzstd([UInt8](data), path: path)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(bytes)
            throw Failure(description: "\(path): not UTF-8 text (an invalid byte at offset \(offset)\(Compression(path: path) == .none ? "" : " of the decompressed text"))")
        }
        return text
    }

    static func gunzip(_ input: [UInt8], path: String) throws(Failure) -> [UInt8] {
        guard input.count >= 2, input[0] == 0x1F, input[1] == 0x8B else {
            throw Failure(description: "\(path): named .gz but not gzip data (it does not start with the gzip magic bytes 1f 8b)")
        }
        var stream = z_stream()
        // 16 + MAX_WBITS: a gzip header and trailer, checked by zlib.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "\(path): zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status: Int32 = Z_OK
        var input = input
        let inputCount = input.count
        try input.withUnsafeMutableBufferPointer { (source) throws(Failure) in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(inputCount)
            repeat {
                let produced = chunk.withUnsafeMutableBufferPointer { target -> Int in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return target.count - Int(stream.avail_out)
                }
                if status == Z_BUF_ERROR && stream.avail_in == 0 {
                    throw Failure(description: "\(path): the gzip data ends early (truncated file?)")
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    throw Failure(description: "\(path): damaged gzip data at compressed byte \(inputCount - Int(stream.avail_in)) (zlib error \(status))")
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_OK && produced == 0 && stream.avail_in == 0 {
                    throw Failure(description: "\(path): the gzip data ends early (truncated file?)")
                }
            } while status != Z_STREAM_END
        }
        return output
    }

    static func unzstd(_ input: [UInt8], path: String) throws(Failure) -> [UInt8] {
        guard input.count >= 4, input[0] == 0x28, input[1] == 0xB5, input[2] == 0x2F, input[3] == 0xFD else {
            throw Failure(description: "\(path): named .zst but not zstd data (it does not start with the zstd magic bytes 28 b5 2f fd)")
        }
        guard let context = ZSTD_createDStream() else { throw Failure(description: "\(path): zstd could not start decompressing") }
        defer { ZSTD_freeDStream(context) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        var chunk = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
        var finished = false
        try input.withUnsafeBufferPointer { (source) throws(Failure) in
            var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
            while inBuffer.pos < inBuffer.size || !finished {
                var produced = 0
                var remaining = 0
                chunk.withUnsafeMutableBufferPointer { target in
                    var outBuffer = ZSTD_outBuffer(dst: target.baseAddress, size: target.count, pos: 0)
                    remaining = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                    produced = outBuffer.pos
                }
                if ZSTD_isError(remaining) != 0 {
                    throw Failure(description: "\(path): damaged zstd data at compressed byte \(inBuffer.pos) (\(String(cString: ZSTD_getErrorName(remaining))))")
                }
                output.append(contentsOf: chunk[0..<produced])
                finished = remaining == 0
                if inBuffer.pos == inBuffer.size && !finished && produced == 0 {
                    throw Failure(description: "\(path): the zstd data ends early (truncated file?)")
                }
            }
        }
        return output
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
