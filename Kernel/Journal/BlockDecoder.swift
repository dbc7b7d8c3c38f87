/// Decodes the records of one uncompressed block (the inverse of ``BlockEncoder``). Every length
/// is bounded before use; a malformed record is an error naming its offset in the block.
public struct BlockDecoder: Sequence, IteratorProtocol {
    private var reader: BinaryReader
    private var previousTime: Timestamp = 0
    private var previousSequence: UInt64 = 0
    private var previousDeliveries: UInt64 = 0
    /// Set when decoding stops on a malformed record.
    public private(set) var error: DecodingError?

    public init(bytes: [UInt8]) { reader = BinaryReader(bytes) }

    public mutating func next() -> JournalRecord? {
        guard error == nil, !reader.isAtEnd else { return nil }
        do {
            return try decodeRecord()
        } catch {
            self.error = error
            return nil
        }
    }

    /// Decodes every record or throws the first problem.
    public static func decodeAll(_ bytes: [UInt8]) throws(DecodingError) -> [JournalRecord] {
        var decoder = BlockDecoder(bytes: bytes)
        var records: [JournalRecord] = []
        while let record = decoder.next() { records.append(record) }
        if let error = decoder.error { throw error }
        return records
    }

    private mutating func decodeRecord() throws(DecodingError) -> JournalRecord {
        let at = reader.offset
        let kind = try reader.readUInt8()
        let time = previousTime &+ UInt64(bitPattern: try Varint.readSigned(from: &reader))
        switch kind {
        case BlockEncoder.inputKind:
            let sequence = previousSequence &+ (try Varint.read(from: &reader))
            let topic = try Varint.read(from: &reader)
            guard topic <= UInt64(UInt32.max) else { throw DecodingError(offset: at, message: "topic \(topic) out of range") }
            let message = try decodeMessage(at: at, deliveries: true)
            previousTime = time
            previousSequence = sequence
            previousDeliveries = message.deliveries
            return .input(RecordedInput(time: time, sequence: sequence, topic: TopicID(rawValue: UInt32(topic)), message: message.message,
                                        deliveriesBefore: message.deliveries, digestFragment: message.fragment))
        case BlockEncoder.decisionKind:
            let source = try Varint.read(from: &reader)
            guard source <= UInt64(UInt32.max) else { throw DecodingError(offset: at, message: "source \(source) out of range") }
            let message = try decodeMessage(at: at, deliveries: false)
            previousTime = time
            return .decision(RecordedDecision(time: time, source: ActorID(rawValue: UInt32(source)), message: message.message))
        default:
            throw DecodingError(offset: at, message: "unknown record kind \(kind)")
        }
    }

    private mutating func decodeMessage(at recordOffset: Int, deliveries hasCheckpoint: Bool)
        throws(DecodingError) -> (message: Message, deliveries: UInt64, fragment: UInt8) {
        let tag = try Varint.read(from: &reader)
        guard tag <= UInt64(UInt16.max) else { throw DecodingError(offset: recordOffset, message: "tag \(tag) out of range") }
        var deliveries: UInt64 = 0
        var fragment: UInt8 = 0
        if hasCheckpoint {
            deliveries = previousDeliveries &+ (try Varint.read(from: &reader))
            fragment = try reader.readUInt8()
        }
        let length = try Varint.read(from: &reader)
        guard length <= UInt64(JournalFormat.maximumRecordPayloadBytes), Int(length) <= reader.remaining else {
            throw DecodingError(offset: reader.offset, message: "payload length \(length) exceeds the \(reader.remaining) bytes left in the block")
        }
        let start = reader.offset
        let message = try Message.decodePayload(tag: UInt16(tag), from: &reader)
        guard reader.offset - start == Int(length) else {
            throw DecodingError(offset: start, message: "payload of tag \(tag) is \(reader.offset - start) bytes, the record says \(length)")
        }
        return (message, deliveries, fragment)
    }
}
