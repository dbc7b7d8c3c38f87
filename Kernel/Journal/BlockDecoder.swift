/// Decodes the records of one uncompressed block (the inverse of ``BlockEncoder``). Every length
/// is bounded before use; a malformed record is an error naming its offset in the block.
///
/// Decoding a block read from a log (``init(block:)``) also checks the records against the
/// block's descriptor and the blocks before it, so no reader trusts a field the records
/// contradict (docs/log-format.md, "Rules a log obeys"):
/// - input times never go backwards, within the block or from the previous block's last input
///   (decisions may be stamped later than the inputs after them: a fill carries its venue time);
/// - the records' count, input count and time range are the descriptor's;
/// - a block that is not the end-of-run block ends with the input its checkpoint names.
public struct KernelBlockDecoder<Payload: KernelPayload>: Sequence, IteratorProtocol {
    private var reader: BinaryReader
    private var previousTime: Timestamp = 0
    private var previousSequence: UInt64 = 0
    private var previousDeliveries: UInt64 = 0
    /// Set when decoding stops on a malformed record.
    public private(set) var error: DecodingError?
    private let descriptor: BlockDescriptor?
    /// The last input time of the blocks before this one.
    private let notBefore: Timestamp
    private var recordCount: UInt32 = 0
    private var inputCount: UInt32 = 0
    private var earliestTime: Timestamp = .max
    private var latestTime: Timestamp = 0
    /// The time of the last input decoded so far (the next block's inputs must not be earlier).
    public private(set) var lastInputTime: Timestamp?
    private var lastInputSequence: UInt64?
    private var lastRecordWasInput = false
    private var endChecked = false

    /// Decodes records without a descriptor to check them against (tests, tools).
    public init(bytes: [UInt8]) {
        reader = BinaryReader(bytes)
        descriptor = nil
        notBefore = 0
    }

    /// Decodes a block read from a log and checks it against its descriptor; its inputs must not
    /// be earlier than `inputsNotBefore` (the previous block's ``lastInputTime``).
    public init(block: ReadBlock, inputsNotBefore: Timestamp = 0) {
        reader = BinaryReader(block.bytes)
        descriptor = block.descriptor
        notBefore = inputsNotBefore
    }

    public mutating func next() -> KernelJournalRecord<Payload>? {
        guard error == nil else { return nil }
        do {
            if reader.isAtEnd {
                try checkEnd()
                return nil
            }
            let record = try decodeRecord()
            try check(record)
            return record
        } catch {
            self.error = error
            return nil
        }
    }

    /// Decodes every record or throws the first problem.
    public static func decodeAll(_ bytes: [UInt8]) throws(DecodingError) -> [KernelJournalRecord<Payload>] {
        var decoder = KernelBlockDecoder(bytes: bytes)
        var records: [KernelJournalRecord<Payload>] = []
        while let record = decoder.next() { records.append(record) }
        if let error = decoder.error { throw error }
        return records
    }

    private mutating func check(_ record: KernelJournalRecord<Payload>) throws(DecodingError) {
        let time = record.time
        // The record's end: its fields were just read.
        let at = reader.offset
        earliestTime = Swift.min(earliestTime, time)
        latestTime = Swift.max(latestTime, time)
        recordCount &+= 1
        if case .input(let input) = record {
            // Inputs are admitted in time order: a replay would clamp an earlier one to "now".
            let previous = lastInputTime ?? notBefore
            guard time >= previous else {
                throw DecodingError(offset: at, message: "input time goes backwards: \(TimeUnits.iso8601(time)) after an input at \(TimeUnits.iso8601(previous))")
            }
            inputCount &+= 1
            if let last = lastInputSequence, input.sequence <= last {
                throw DecodingError(offset: at, message: "input sequence \(input.sequence) does not follow \(last)")
            }
            lastInputSequence = input.sequence
            lastInputTime = time
            lastRecordWasInput = true
        } else {
            lastRecordWasInput = false
        }
        guard let descriptor else { return }
        guard time >= descriptor.firstTime, time <= descriptor.lastTime else {
            throw DecodingError(offset: at, message: "record at \(TimeUnits.iso8601(time)) is outside the block's range \(TimeUnits.iso8601(descriptor.firstTime)) → \(TimeUnits.iso8601(descriptor.lastTime))")
        }
        guard recordCount <= descriptor.recordCount else {
            throw DecodingError(offset: at, message: "the block holds more records than the \(descriptor.recordCount) its descriptor says")
        }
    }

    private mutating func checkEnd() throws(DecodingError) {
        guard !endChecked, let descriptor else { return }
        endChecked = true
        let at = reader.offset
        guard recordCount == descriptor.recordCount, inputCount == descriptor.inputCount else {
            throw DecodingError(offset: at, message: "the block holds \(recordCount) records (\(inputCount) inputs), its descriptor says \(descriptor.recordCount) (\(descriptor.inputCount))")
        }
        if recordCount > 0, earliestTime != descriptor.firstTime || latestTime != descriptor.lastTime {
            throw DecodingError(offset: at, message: "the records span \(TimeUnits.iso8601(earliestTime)) → \(TimeUnits.iso8601(latestTime)), the descriptor says \(TimeUnits.iso8601(descriptor.firstTime)) → \(TimeUnits.iso8601(descriptor.lastTime))")
        }
        // A block is cut at the admission of its last input: its checkpoint names that input. A
        // checkpoint naming anything else would never be compared by a replay.
        if descriptor.checkpointSequence != .max {
            guard lastRecordWasInput, lastInputSequence == descriptor.checkpointSequence else {
                let last = lastRecordWasInput ? "input \(lastInputSequence ?? 0)" : "a decision"
                throw DecodingError(offset: at, message: "the block's checkpoint is at input \(descriptor.checkpointSequence), but the block ends with \(last): a block is cut at its checkpoint input")
            }
        }
    }

    private mutating func decodeRecord() throws(DecodingError) -> KernelJournalRecord<Payload> {
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
            return .input(KernelRecordedInput(time: time, sequence: sequence, topic: TopicID(rawValue: UInt32(topic)), message: message.message,
                                        deliveriesBefore: message.deliveries, digestFragment: message.fragment))
        case BlockEncoder.decisionKind, BlockEncoder.annotationKind:
            let source = try Varint.read(from: &reader)
            guard source <= UInt64(UInt32.max) else { throw DecodingError(offset: at, message: "source \(source) out of range") }
            let message = try decodeMessage(at: at, deliveries: false)
            previousTime = time
            let emitted = KernelRecordedDecision(time: time, source: ActorID(rawValue: UInt32(source)), message: message.message)
            // Each record kind holds its own side's messages: a decision digest recomputed from
            // the records must not take an annotation for a decision, nor the reverse.
            guard (kind == BlockEncoder.annotationKind) == message.message.isAnnotation else {
                let expected = kind == BlockEncoder.annotationKind ? "an annotation (isAnnotation)" : "not an annotation"
                throw DecodingError(offset: at, message: "record kind \(kind) holds a \(message.message.payloadTag) message; expected \(expected)")
            }
            return kind == BlockEncoder.annotationKind ? .annotation(emitted) : .decision(emitted)
        default:
            throw DecodingError(offset: at, message: "unknown record kind \(kind)")
        }
    }

    private mutating func decodeMessage(at recordOffset: Int, deliveries hasCheckpoint: Bool)
        throws(DecodingError) -> (message: Payload, deliveries: UInt64, fragment: UInt8) {
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
        let message = try Payload.decodePayload(tag: UInt16(tag), from: &reader)
        guard reader.offset - start == Int(length) else {
            throw DecodingError(offset: start, message: "payload of tag \(tag) is \(reader.offset - start) bytes, the record says \(length)")
        }
        return (message, deliveries, fragment)
    }
}
