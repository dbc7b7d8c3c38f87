/// A metadata frame: a zstd/lz4 *skippable frame* whose payload is
/// `kind u32 | body | xxh64(kind | body) u64`.
///
/// Tools that decompress the log skip these frames; Metronome's reader checks their checksum
/// before trusting a single field.
enum MetadataFrame {
    /// Bytes before the payload: magic u32 and payload size u32.
    static let headerBytes = 8

    static func encode(kind: UInt32, body: (inout BinaryWriter) -> Void) -> [UInt8] {
        var payload = BinaryWriter(reservingCapacity: 256)
        payload.write(kind)
        body(&payload)
        let checksum = payload.withUnsafeBytes { XXH64.hash($0, seed: 0) }
        payload.write(checksum)
        var frame = BinaryWriter(reservingCapacity: payload.count + headerBytes)
        frame.write(JournalFormat.skippableMagic)
        frame.write(UInt32(payload.count))
        payload.withUnsafeBytes { frame.writeRaw($0) }
        return frame.bytes
    }

    /// Checks a payload (kind through checksum) and returns a reader positioned on the body.
    static func open(payload: [UInt8], expectedKind: UInt32, offset: UInt64, what: String) throws(JournalError) -> BinaryReader {
        guard payload.count >= 12 else { throw JournalError.malformed(offset: offset, message: "\(what) frame is too short (\(payload.count) bytes)") }
        let body = payload.count - 8
        let computed = payload.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[0..<body]), seed: 0) }
        var tail = BinaryReader(payload, offset: body)
        let stored = (try? tail.readUInt64()) ?? 0
        guard computed == stored else {
            throw JournalError.malformed(offset: offset, message: "\(what) checksum mismatch (stored \(RunDigest.hex(stored)), computed \(RunDigest.hex(computed)))")
        }
        var reader = BinaryReader(Array(payload[0..<body]))
        let kind = (try? reader.readUInt32()) ?? 0
        guard kind == expectedKind else {
            throw JournalError.malformed(offset: offset, message: "expected a \(what) frame, found kind 0x\(String(kind, radix: 16))")
        }
        return reader
    }
}
