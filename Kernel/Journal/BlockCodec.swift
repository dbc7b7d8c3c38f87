import CLZ4
import CZstd

/// How a log's data blocks are compressed. Each block is one standard frame, so the file is a
/// valid stream for the codec's command-line tool (`zstd -t`, `zstd -dc`, `lz4 -t`).
///
/// A thin wrapper over libzstd and liblz4 (Debian's `libzstd-dev` / `liblz4-dev`).
public enum BlockCodec: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// A zstd frame (the default).
    case zstd = 1
    /// An LZ4 frame.
    case lz4 = 2
    /// Uncompressed: a zstd frame made of raw (stored) blocks, so `zstd -dc` still reads it.
    case none = 3

    public var description: String {
        switch self {
        case .zstd: "zstd"
        case .lz4: "lz4"
        case .none: "none"
        }
    }

    public init?(name: String) {
        guard let codec = BlockCodec.allCases.first(where: { $0.description == name }) else { return nil }
        self = codec
    }

    /// The default compression level of the codec.
    public var defaultLevel: Int32 {
        switch self {
        case .zstd: 1  // measured: level 1 compresses event blocks better than 3, and faster
        case .lz4: 0
        case .none: 0
        }
    }

    /// Compresses one block into a single frame.
    public func compress(_ input: UnsafeRawBufferPointer, level: Int32) throws(JournalError) -> [UInt8] {
        var output = BinaryWriter(reservingCapacity: 256)
        try appendFrame(of: input, level: level, zstdContext: nil, to: &output)
        return output.bytes
    }

    /// Appends one frame holding `input` to `output`. A zstd context, when given, is reused (a
    /// writer compresses every block with one); without one, zstd makes and frees its own.
    func appendFrame(of input: UnsafeRawBufferPointer, level: Int32, zstdContext: OpaquePointer?,
                     to output: inout BinaryWriter) throws(JournalError) {
        switch self {
        case .zstd: try BlockCodec.appendZstdFrame(input, level: level, context: zstdContext, to: &output)
        case .lz4: try BlockCodec.appendLZ4Frame(input, level: level, to: &output)
        case .none: BlockCodec.appendStoredFrame(input, to: &output)
        }
    }

    /// Decompresses one frame whose uncompressed size is known (from the block descriptor) and
    /// already bounded by the caller: the output is never larger than `expectedSize`.
    public func decompress(_ frame: UnsafeRawBufferPointer, expectedSize: Int) throws(JournalError) -> [UInt8] {
        switch self {
        case .zstd, .none: return try BlockCodec.zstdDecompress(frame, expectedSize: expectedSize)
        case .lz4: return try BlockCodec.lz4Decompress(frame, expectedSize: expectedSize)
        }
    }

    // MARK: zstd

    private static func appendZstdFrame(_ input: UnsafeRawBufferPointer, level: Int32, context: OpaquePointer?,
                                        to output: inout BinaryWriter) throws(JournalError) {
        var result = 0
        output.appendWritten(reserving: ZSTD_compressBound(input.count)) { out, capacity in
            result = if let context {
                ZSTD_compressCCtx(context, out, capacity, input.baseAddress, input.count, level)
            } else {
                ZSTD_compress(out, capacity, input.baseAddress, input.count, level)
            }
            return ZSTD_isError(result) != 0 ? 0 : result
        }
        if ZSTD_isError(result) != 0 {
            throw JournalError.codec("zstd compression failed: \(String(cString: ZSTD_getErrorName(result)))")
        }
    }

    private static func zstdDecompress(_ frame: UnsafeRawBufferPointer, expectedSize: Int) throws(JournalError) -> [UInt8] {
        let declared = ZSTD_getFrameContentSize(frame.baseAddress, frame.count)
        guard declared != ZSTD_CONTENTSIZE_ERROR, declared != ZSTD_CONTENTSIZE_UNKNOWN else {
            throw JournalError.codec("not a zstd frame with a declared content size")
        }
        guard declared == UInt64(expectedSize) else {
            throw JournalError.codec("zstd frame declares \(declared) bytes, the descriptor \(expectedSize)")
        }
        var output = [UInt8](repeating: 0, count: expectedSize)
        let produced = output.withUnsafeMutableBytes { out in
            ZSTD_decompress(out.baseAddress, expectedSize, frame.baseAddress, frame.count)
        }
        if ZSTD_isError(produced) != 0 {
            throw JournalError.codec("zstd: \(String(cString: ZSTD_getErrorName(produced)))")
        }
        guard produced == expectedSize else { throw JournalError.codec("zstd produced \(produced) bytes, expected \(expectedSize)") }
        return output
    }

    /// A zstd frame of raw blocks (RFC 8878 §3.1.1): magic, a single-segment frame header with a
    /// 4-byte content size, then blocks of at most 128 KiB stored verbatim.
    static func appendStoredFrame(_ input: UnsafeRawBufferPointer, to output: inout BinaryWriter) {
        let maximumBlock = 128 * 1024
        for byte: UInt8 in [0x28, 0xB5, 0x2F, 0xFD, 0xA0] { output.write(byte) }  // magic 0xFD2FB528, FHD: FCS 4 bytes, single segment
        output.write(UInt32(input.count))
        var offset = 0
        repeat {
            let length = min(maximumBlock, input.count - offset)
            let last: UInt32 = offset + length == input.count ? 1 : 0
            let header = last | (0 << 1) | (UInt32(length) << 3)  // block type 0 = raw
            output.write(UInt8(header & 0xFF))
            output.write(UInt8((header >> 8) & 0xFF))
            output.write(UInt8((header >> 16) & 0xFF))
            if length > 0 { output.writeRaw(UnsafeRawBufferPointer(rebasing: input[offset..<offset + length])) }
            offset += length
        } while offset < input.count
    }

    // MARK: lz4

    private static func lz4Preferences(size: Int, level: Int32) -> LZ4F_preferences_t {
        var preferences = LZ4F_preferences_t()
        preferences.frameInfo.contentSize = UInt64(size)
        preferences.frameInfo.blockSizeID = LZ4F_max256KB
        preferences.compressionLevel = level
        return preferences
    }

    private static func appendLZ4Frame(_ input: UnsafeRawBufferPointer, level: Int32, to output: inout BinaryWriter) throws(JournalError) {
        var preferences = lz4Preferences(size: input.count, level: level)
        var result = 0
        output.appendWritten(reserving: LZ4F_compressFrameBound(input.count, &preferences)) { out, capacity in
            result = LZ4F_compressFrame(out, capacity, input.baseAddress, input.count, &preferences)
            return LZ4F_isError(result) != 0 ? 0 : result
        }
        if LZ4F_isError(result) != 0 {
            throw JournalError.codec("lz4 compression failed: \(String(cString: LZ4F_getErrorName(result)))")
        }
    }

    private static func lz4Decompress(_ frame: UnsafeRawBufferPointer, expectedSize: Int) throws(JournalError) -> [UInt8] {
        var context: OpaquePointer?
        let created = LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))
        guard LZ4F_isError(created) == 0, let context else { throw JournalError.codec("lz4: cannot create a decompression context") }
        defer { LZ4F_freeDecompressionContext(context) }
        var output = [UInt8](repeating: 0, count: expectedSize)
        var produced = 0
        var consumed = 0
        while true {
            var outputSize = expectedSize - produced
            var inputSize = frame.count - consumed
            let hint = output.withUnsafeMutableBytes { out in
                LZ4F_decompress(context, out.baseAddress! + produced, &outputSize, frame.baseAddress! + consumed, &inputSize, nil)
            }
            if LZ4F_isError(hint) != 0 { throw JournalError.codec("lz4: \(String(cString: LZ4F_getErrorName(hint)))") }
            produced += outputSize
            consumed += inputSize
            if hint == 0 { break }
            guard inputSize > 0 || outputSize > 0 else { throw JournalError.codec("lz4 frame is truncated") }
            guard consumed < frame.count || produced < expectedSize else { throw JournalError.codec("lz4 frame is truncated") }
            if consumed >= frame.count { throw JournalError.codec("lz4 frame is truncated") }
        }
        guard produced == expectedSize, consumed == frame.count else {
            throw JournalError.codec("lz4 frame holds \(produced) bytes in \(consumed) of \(frame.count), expected \(expectedSize)")
        }
        return output
    }
}

extension BlockCodec {
    /// The linked libzstd's version, e.g. "1.5.4".
    public static var zstdLibraryVersion: String { String(cString: ZSTD_versionString()) }
    /// The linked liblz4's version, e.g. "1.9.4".
    public static var lz4LibraryVersion: String { String(cString: LZ4_versionString()) }
}
