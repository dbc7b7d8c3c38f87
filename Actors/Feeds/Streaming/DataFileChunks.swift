#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif
import CZlib
import CZstd

/// A data file's decompressed bytes, a chunk at a time: plain, gzip (`.gz`) or zstd (`.zst`),
/// chosen by the file's extension and checked against its magic bytes. Only one compressed
/// chunk and the caller's buffer are held, so memory does not grow with the file. A damaged,
/// truncated or mislabelled file is refused with its name and what was found.
final class DataFileChunks {
    typealias Failure = DataFileText.Failure

    /// Where the raw (possibly compressed) bytes come from.
    private enum Origin {
        case descriptor(Int32)
        case memory([UInt8], offset: Int)
    }

    private enum Decoder {
        case plain
        case gzip(UnsafeMutablePointer<z_stream>)
        case zstd(OpaquePointer)
    }

    let path: String
    private var origin: Origin
    private var decoder: Decoder = .plain
    /// Raw bytes read but not yet decoded: `raw[rawStart..<rawEnd]`.
    private var raw: [UInt8]
    private var rawStart = 0
    private var rawEnd = 0
    private var rawExhausted = false
    /// Raw bytes read from the origin so far (for the offset of a damaged byte).
    private var rawConsumedTotal = 0
    private var finished = false
    private var zstdFrameComplete = true
    /// Bytes the origin may still give: a part of a plain file ends before the file does.
    private var rawLimit = Int.max

    /// Opens `path`; `rawChunkBytes` is how much compressed input is read at a time. With
    /// `byteRange`, only those bytes of a plain (uncompressed) file: one part of it, checked on its
    /// own (``SplitCheck``).
    convenience init(path: String, byteRange: Range<Int>? = nil, rawChunkBytes: Int = 1 << 16) throws(Failure) {
        if byteRange != nil, DataFileText.Compression(path: path) != .none {
            throw Failure(description: "\(path): only a plain file is read in parts")
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure(description: "\(path): cannot read the file (missing or unreadable)") }
        if let start = byteRange?.lowerBound, lseek(descriptor, off_t(start), SEEK_SET) != off_t(start) {
            close(descriptor)
            throw Failure(description: "\(path): cannot read the file from byte \(start)")
        }
        try self.init(origin: .descriptor(descriptor), path: path, rawChunkBytes: rawChunkBytes)
        rawLimit = byteRange?.count ?? .max
    }

    /// The bytes of a file already in memory, decoded as `path`'s extension says.
    convenience init(bytes: [UInt8], path: String, rawChunkBytes: Int = 1 << 16) throws(Failure) {
        try self.init(origin: .memory(bytes, offset: 0), path: path, rawChunkBytes: rawChunkBytes)
    }

    private init(origin: Origin, path: String, rawChunkBytes: Int) throws(Failure) {
        self.origin = origin
        self.path = path
        raw = [UInt8](repeating: 0, count: max(rawChunkBytes, 4))
        switch DataFileText.Compression(path: path) {
        case .none: decoder = .plain
        case .gzip: try startGzip()
        case .zstd: try startZstd()
        }
    }

    deinit {
        switch decoder {
        case .plain: break
        case .gzip(let stream):
            inflateEnd(stream)
            stream.deallocate()
        case .zstd(let context): ZSTD_freeDStream(context)
        }
        if case .descriptor(let descriptor) = origin { close(descriptor) }
    }

    /// Decodes up to `target.count` bytes into `target`; 0 only at the end of the data.
    func read(into target: UnsafeMutableBufferPointer<UInt8>) throws(Failure) -> Int {
        guard !finished, target.count > 0 else { return 0 }
        switch decoder {
        case .plain: return try readPlain(into: target)
        case .gzip(let stream): return try readGzip(stream, into: target)
        case .zstd(let context): return try readZstd(context, into: target)
        }
    }

    // MARK: - Raw input

    /// Refills `raw` when it is empty; false once the origin has nothing more.
    private func refillRaw() throws(Failure) -> Bool {
        if rawStart < rawEnd { return true }
        if rawExhausted { return false }
        rawStart = 0
        rawEnd = try readOrigin(into: 0..<raw.count)
        if rawEnd == 0 { rawExhausted = true }
        return rawEnd > 0
    }

    /// Reads the origin into `raw[range]`; 0 at its end.
    private func readOrigin(into range: Range<Int>) throws(Failure) -> Int {
        let count: Int
        switch origin {
        case .descriptor(let descriptor):
            var got = -1
            let wanted = min(range.count, rawLimit)
            repeat {
                got = wanted == 0 ? 0 : raw.withUnsafeMutableBufferPointer { systemRead(descriptor, $0.baseAddress! + range.lowerBound, wanted) }
            } while got < 0 && errno == EINTR
            guard got >= 0 else { throw Failure(description: "\(path): cannot read the file (\(String(cString: strerror(errno))))") }
            count = got
            if rawLimit != .max { rawLimit -= got }
        case .memory(let bytes, let offset):
            count = min(range.count, bytes.count - offset)
            raw.replaceSubrange(range.lowerBound..<range.lowerBound + count, with: bytes[offset..<offset + count])
            origin = .memory(bytes, offset: offset + count)
        }
        rawConsumedTotal += count
        return count
    }

    /// Reads until `raw` holds `count` bytes or the origin ends (for the magic bytes).
    private func fillRaw(atLeast count: Int) throws(Failure) {
        while rawEnd < count && !rawExhausted {
            let got = try readOrigin(into: rawEnd..<raw.count)
            if got == 0 { rawExhausted = true }
            rawEnd += got
        }
    }

    // MARK: - Plain

    private func readPlain(into target: UnsafeMutableBufferPointer<UInt8>) throws(Failure) -> Int {
        guard try refillRaw() else {
            finished = true
            return 0
        }
        let count = min(target.count, rawEnd - rawStart)
        raw.withUnsafeBufferPointer { source in
            _ = target.initialize(from: source[rawStart..<rawStart + count])
        }
        rawStart += count
        return count
    }

    // MARK: - gzip

    private func startGzip() throws(Failure) {
        try fillRaw(atLeast: 2)
        guard rawEnd >= 2, raw[0] == 0x1F, raw[1] == 0x8B else {
            throw Failure(description: "\(path): named .gz but not gzip data (it does not start with the gzip magic bytes 1f 8b)")
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 16 + MAX_WBITS: a gzip header and trailer, checked by zlib.
        guard inflateInit2_(stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            throw Failure(description: "\(path): zlib could not start decompressing")
        }
        decoder = .gzip(stream)
    }

    private func readGzip(_ stream: UnsafeMutablePointer<z_stream>, into target: UnsafeMutableBufferPointer<UInt8>) throws(Failure) -> Int {
        while true {
            let hasInput = try refillRaw()
            var status: Int32 = Z_OK
            let (produced, used) = raw.withUnsafeMutableBufferPointer { source -> (Int, Int) in
                stream.pointee.next_in = source.baseAddress! + rawStart
                stream.pointee.avail_in = uInt(rawEnd - rawStart)
                stream.pointee.next_out = target.baseAddress
                stream.pointee.avail_out = uInt(target.count)
                status = inflate(stream, Z_NO_FLUSH)
                return (target.count - Int(stream.pointee.avail_out), rawEnd - rawStart - Int(stream.pointee.avail_in))
            }
            rawStart += used
            if status == Z_STREAM_END {
                finished = true
                return produced
            }
            let noProgress = status == Z_BUF_ERROR || (produced == 0 && used == 0)
            if noProgress && !hasInput {
                throw Failure(description: "\(path): the gzip data ends early (truncated file?)")
            }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                throw Failure(description: "\(path): damaged gzip data at compressed byte \(rawConsumedTotal - (rawEnd - rawStart)) (zlib error \(status))")
            }
            if produced > 0 { return produced }
        }
    }

    // MARK: - zstd

    private func startZstd() throws(Failure) {
        try fillRaw(atLeast: 4)
        guard rawEnd >= 4, raw[0] == 0x28, raw[1] == 0xB5, raw[2] == 0x2F, raw[3] == 0xFD else {
            throw Failure(description: "\(path): named .zst but not zstd data (it does not start with the zstd magic bytes 28 b5 2f fd)")
        }
        guard let context = ZSTD_createDStream() else { throw Failure(description: "\(path): zstd could not start decompressing") }
        decoder = .zstd(context)
    }

    private func readZstd(_ context: OpaquePointer, into target: UnsafeMutableBufferPointer<UInt8>) throws(Failure) -> Int {
        while true {
            let hasInput = try refillRaw()
            var remaining = 0
            let (produced, used) = raw.withUnsafeBufferPointer { source -> (Int, Int) in
                var inBuffer = ZSTD_inBuffer(src: source.baseAddress! + rawStart, size: rawEnd - rawStart, pos: 0)
                var outBuffer = ZSTD_outBuffer(dst: target.baseAddress, size: target.count, pos: 0)
                remaining = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                return (outBuffer.pos, inBuffer.pos)
            }
            rawStart += used
            if ZSTD_isError(remaining) != 0 {
                throw Failure(description: "\(path): damaged zstd data at compressed byte \(rawConsumedTotal - (rawEnd - rawStart)) (\(String(cString: ZSTD_getErrorName(remaining))))")
            }
            // A call that neither read nor wrote says nothing of the frame (after a frame's end,
            // zstd answers an empty call with the size of the next frame's header).
            if used > 0 || produced > 0 { zstdFrameComplete = remaining == 0 }
            if produced > 0 { return produced }
            if !hasInput {
                // Everything read: the end, unless a frame is left unfinished.
                guard zstdFrameComplete else { throw Failure(description: "\(path): the zstd data ends early (truncated file?)") }
                finished = true
                return 0
            }
        }
    }
}
