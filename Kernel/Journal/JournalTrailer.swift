/// The last frames of a cleanly closed log: the index (block offsets by time) and the totals and
/// digests of the run, ending with the clean-close marker.
public struct JournalTrailer: Sendable, Equatable {
    public var index: [JournalIndexEntry]
    public var blockCount: UInt32
    public var recordCount: UInt64
    public var inputCount: UInt64
    public var decisionCount: UInt64
    public var deliveries: UInt64
    /// XXH64 chain over every input record, as recorded.
    public var inputDigest: UInt64
    public var eventDigest: UInt64
    public var decisionDigest: UInt64
    public var endTime: Timestamp
    public var stopReason: String
    /// Format 3: the header frame's digest (``JournalHeader/frameDigest``); 0 in older formats.
    public var headerDigest: UInt64 = 0

    /// "CLEANEND": present only when the writer closed the log normally.
    static let cleanCloseMarker: UInt64 = 0x444E_454E_4145_4C43
    /// The trailer frame's size is fixed for a format version, so a reader can find it from the
    /// end of the file: 8 (frame header) + 4 (kind) + body + 8 (checksum).
    static func frameBytes(formatVersion: UInt16) -> Int {
        let body = 8 + 4 + 8 * 8 + 32 + 8 + (JournalFormat.bindsHeader(formatVersion: formatVersion) ? 8 : 0)
        return MetadataFrame.headerBytes + 4 + body + 8
    }

    func encodeIndexFrame() -> [UInt8] {
        MetadataFrame.encode(kind: JournalFormat.indexKind) { writer in
            writer.write(UInt32(index.count))
            for entry in index {
                writer.write(entry.offset)
                writer.write(entry.firstTime)
                writer.write(entry.lastTime)
                writer.write(entry.firstSequence)
                writer.write(entry.recordCount)
            }
        }
    }

    /// The fixed-size trailer frame; `indexOffset` is where the index frame starts.
    func encodeTrailerFrame(indexOffset: UInt64, formatVersion: UInt16) -> [UInt8] {
        MetadataFrame.encode(kind: JournalFormat.trailerKind) { writer in
            writer.write(indexOffset)
            writer.write(blockCount)
            writer.write(recordCount)
            writer.write(inputCount)
            writer.write(decisionCount)
            writer.write(deliveries)
            writer.write(inputDigest)
            writer.write(eventDigest)
            writer.write(decisionDigest)
            writer.write(endTime)
            var reason = Array(stopReason.utf8.prefix(32))
            reason += [UInt8](repeating: 0, count: 32 - reason.count)
            writer.writeRaw(reason)
            if JournalFormat.bindsHeader(formatVersion: formatVersion) { writer.write(headerDigest) }
            writer.write(JournalTrailer.cleanCloseMarker)
        }
    }

    /// Decodes the trailer frame's payload; returns the trailer (without its index) and the index offset.
    static func decodeTrailer(payload: [UInt8], offset: UInt64, formatVersion: UInt16) throws(JournalError) -> (JournalTrailer, UInt64) {
        var reader = try MetadataFrame.open(payload: payload, expectedKind: JournalFormat.trailerKind, offset: offset, what: "trailer")
        do {
            let indexOffset = try reader.readUInt64()
            let blocks = try reader.readUInt32()
            let records = try reader.readUInt64()
            let inputs = try reader.readUInt64()
            let decisions = try reader.readUInt64()
            let deliveries = try reader.readUInt64()
            let inputDigest = try reader.readUInt64()
            let eventDigest = try reader.readUInt64()
            let decisionDigest = try reader.readUInt64()
            let endTime = try reader.readUInt64()
            var reasonBytes: [UInt8] = []
            for _ in 0..<32 { reasonBytes.append(try reader.readUInt8()) }
            let headerDigest = JournalFormat.bindsHeader(formatVersion: formatVersion) ? try reader.readUInt64() : 0
            let marker = try reader.readUInt64()
            guard marker == cleanCloseMarker else { throw JournalError.malformed(offset: offset, message: "trailer lacks the clean-close marker") }
            let reason = String(decoding: reasonBytes.prefix { $0 != 0 }, as: UTF8.self)
            var trailer = JournalTrailer(index: [], blockCount: blocks, recordCount: records, inputCount: inputs, decisionCount: decisions,
                                         deliveries: deliveries, inputDigest: inputDigest, eventDigest: eventDigest,
                                         decisionDigest: decisionDigest, endTime: endTime, stopReason: reason)
            trailer.headerDigest = headerDigest
            return (trailer, indexOffset)
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError.malformed(offset: offset, message: "trailer: \(error)")
        }
    }

    static func decodeIndex(payload: [UInt8], offset: UInt64, expectedBlocks: UInt32) throws(JournalError) -> [JournalIndexEntry] {
        var reader = try MetadataFrame.open(payload: payload, expectedKind: JournalFormat.indexKind, offset: offset, what: "index")
        do {
            let count = try reader.readUInt32()
            guard count == expectedBlocks, Int(count) * JournalIndexEntry.encodedBytes <= reader.remaining else {
                throw JournalError.malformed(offset: offset, message: "index lists \(count) blocks, the trailer \(expectedBlocks)")
            }
            var entries: [JournalIndexEntry] = []
            entries.reserveCapacity(Int(count))
            for _ in 0..<count {
                entries.append(JournalIndexEntry(offset: try reader.readUInt64(), firstTime: try reader.readUInt64(),
                                                 lastTime: try reader.readUInt64(), firstSequence: try reader.readUInt64(),
                                                 recordCount: try reader.readUInt32()))
            }
            return entries
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError.malformed(offset: offset, message: "index: \(error)")
        }
    }
}
