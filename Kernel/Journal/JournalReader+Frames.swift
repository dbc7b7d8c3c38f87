#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reader's file access: one checked metadata frame, and bytes at an offset with `pread`.
extension JournalReader {
    /// Reads and checks one metadata frame at `offset`: returns its kind, its payload and the
    /// offset after it. The payload size is bounded by the frame kind's limit and by the file.
    static func readMetadataFrame(descriptor: Int32, at offset: UInt64, fileSize: UInt64) throws(JournalError) -> (UInt32, [UInt8], UInt64) {
        guard offset + 12 <= fileSize else {
            throw JournalError.malformed(offset: offset, message: "expected a frame header, but the file ends \(fileSize - min(offset, fileSize)) bytes later")
        }
        let head = try read(descriptor: descriptor, at: offset, count: 12)
        let magic = UInt32(head[0]) | UInt32(head[1]) << 8 | UInt32(head[2]) << 16 | UInt32(head[3]) << 24
        guard magic == JournalFormat.skippableMagic else {
            throw JournalError.malformed(offset: offset, message: "expected a metadata frame (magic 0x\(String(JournalFormat.skippableMagic, radix: 16))), found 0x\(String(magic, radix: 16))")
        }
        let size = UInt64(head[4]) | UInt64(head[5]) << 8 | UInt64(head[6]) << 16 | UInt64(head[7]) << 24
        let kind = UInt32(head[8]) | UInt32(head[9]) << 8 | UInt32(head[10]) << 16 | UInt32(head[11]) << 24
        let limit: Int
        switch kind {
        case JournalFormat.headerKind: limit = JournalFormat.maximumHeaderBytes
        case JournalFormat.descriptorKind: limit = JournalFormat.maximumDescriptorBytes
        case JournalFormat.indexKind: limit = JournalFormat.maximumIndexBytes
        case JournalFormat.trailerKind: limit = JournalFormat.maximumTrailerBytes
        default: throw JournalError.malformed(offset: offset, message: "unknown metadata frame kind 0x\(String(kind, radix: 16))")
        }
        guard size <= UInt64(limit) else {
            throw JournalError.malformed(offset: offset, message: "frame claims \(size) bytes, over the \(limit)-byte limit for its kind")
        }
        guard offset + 8 + size <= fileSize else {
            throw JournalError.malformed(offset: offset, message: "frame claims \(size) bytes but only \(fileSize - offset - 8) remain")
        }
        let payload = try read(descriptor: descriptor, at: offset + 8, count: Int(size))
        _ = try MetadataFrame.open(payload: payload, expectedKind: kind, offset: offset, what: "metadata")
        return (kind, payload, offset + 8 + size)
    }

    static func read(descriptor: Int32, at offset: UInt64, count: Int) throws(JournalError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw JournalError.io("read failed at byte \(offset + UInt64(done)): \(String(cString: strerror(errno)))")
            }
            if result == 0 { throw JournalError.malformed(offset: offset + UInt64(done), message: "unexpected end of file") }
            done += result
        }
        return bytes
    }
}


extension JournalReader {
    /// Raw bytes of the file (for copying intact frames verbatim).
    public func rawBytes(at offset: UInt64, count: Int) throws(JournalError) -> [UInt8] {
        guard offset + UInt64(count) <= fileSize else { throw JournalError.malformed(offset: offset, message: "range beyond the end of the file") }
        return try JournalReader.read(descriptor: descriptor, at: offset, count: count)
    }
}
