/// Encodes records into one uncompressed block (docs/log-format.md, "Records"):
///
/// ```
/// input:    0x01 | zigzag Δtime | Δseq | topic | tag | Δdeliveries | fragment u8 | length | payload
/// decision: 0x02 | zigzag Δtime | source | tag | length | payload
/// ```
/// Varints everywhere but the fragment; deltas are against the previous record of the block
/// (time) or the previous input (sequence, deliveries), starting from 0 in each block, so every
/// block decodes on its own.
struct BlockEncoder {
    private(set) var buffer = BinaryWriter(reservingCapacity: JournalFormat.defaultBlockBytes + 4096)
    private var payload = BinaryWriter(reservingCapacity: 256)
    private var previousTime: Timestamp = 0
    private var previousSequence: UInt64 = 0
    private var previousDeliveries: UInt64 = 0
    private(set) var recordCount: UInt32 = 0
    private(set) var inputCount: UInt32 = 0
    private(set) var firstTime: Timestamp = .max
    private(set) var lastTime: Timestamp = 0
    private(set) var firstSequence: UInt64 = .max
    private(set) var lastSequence: UInt64 = 0

    static let inputKind: UInt8 = 1
    static let decisionKind: UInt8 = 2

    var byteCount: Int { buffer.count }
    var isEmpty: Bool { recordCount == 0 }

    /// - Complexity: O(payload); no allocation once the buffers have grown.
    mutating func append(_ input: RecordedInput) {
        payload.reset()
        input.message.encodePayload(into: &payload)
        buffer.write(BlockEncoder.inputKind)
        Varint.writeSigned(Int64(bitPattern: input.time &- previousTime), into: &buffer)
        Varint.write(input.sequence &- previousSequence, into: &buffer)
        Varint.write(UInt64(input.topic.rawValue), into: &buffer)
        Varint.write(UInt64(input.message.tag.rawValue), into: &buffer)
        Varint.write(input.deliveriesBefore &- previousDeliveries, into: &buffer)
        buffer.write(input.digestFragment)
        Varint.write(UInt64(payload.count), into: &buffer)
        payload.withUnsafeBytes { buffer.writeRaw($0) }
        previousTime = input.time
        previousSequence = input.sequence
        previousDeliveries = input.deliveriesBefore
        recordCount += 1
        inputCount += 1
        firstTime = min(firstTime, input.time)
        lastTime = max(lastTime, input.time)
        firstSequence = min(firstSequence, input.sequence)
        lastSequence = max(lastSequence, input.sequence)
    }

    mutating func append(_ decision: RecordedDecision) {
        payload.reset()
        decision.message.encodePayload(into: &payload)
        buffer.write(BlockEncoder.decisionKind)
        Varint.writeSigned(Int64(bitPattern: decision.time &- previousTime), into: &buffer)
        Varint.write(UInt64(decision.source.rawValue), into: &buffer)
        Varint.write(UInt64(decision.message.tag.rawValue), into: &buffer)
        Varint.write(UInt64(payload.count), into: &buffer)
        payload.withUnsafeBytes { buffer.writeRaw($0) }
        previousTime = decision.time
        recordCount += 1
        firstTime = min(firstTime, decision.time)
        lastTime = max(lastTime, decision.time)
    }

    /// Starts a new block, keeping the buffers' storage.
    mutating func reset() {
        buffer.reset()
        previousTime = 0
        previousSequence = 0
        previousDeliveries = 0
        recordCount = 0
        inputCount = 0
        firstTime = .max
        lastTime = 0
        firstSequence = .max
        lastSequence = 0
    }
}
