/// Encodes records into one uncompressed block (docs/log-format.md, "Records"):
///
/// ```
/// input:    0x01 | zigzag Δtime | Δseq | topic | tag | Δdeliveries | fragment u8 | length | payload
/// decision: 0x02 | zigzag Δtime | source | tag | length | payload
/// annotation: 0x03 | zigzag Δtime | source | tag | length | payload   (format 5)
/// ```
/// Varints everywhere but the fragment; deltas are against the previous record of the block
/// (time) or the previous input (sequence, deliveries), starting from 0 in each block, so every
/// block decodes on its own.
public struct BlockEncoder: ~Copyable {
    public internal(set) var buffer = BinaryWriter(reservingCapacity: JournalFormat.defaultBlockBytes + 4096)
    var payload = BinaryWriter(reservingCapacity: 256)
    var previousTime: Timestamp = 0
    var previousSequence: UInt64 = 0
    var previousDeliveries: UInt64 = 0
    public internal(set) var recordCount: UInt32 = 0
    internal(set) var inputCount: UInt32 = 0
    internal(set) var firstTime: Timestamp = .max
    internal(set) var lastTime: Timestamp = 0
    internal(set) var firstSequence: UInt64 = .max
    internal(set) var lastSequence: UInt64 = 0

    static let inputKind: UInt8 = 1
    static let decisionKind: UInt8 = 2
    static let annotationKind: UInt8 = 3

    public init() {}

    public var byteCount: Int { buffer.count }
    public var isEmpty: Bool { recordCount == 0 }

    /// Byte range of the last appended record's payload in ``buffer``.
    public internal(set) var lastPayload: Range<Int> = 0..<0

    /// - Complexity: O(payload); no allocation once the buffers have grown.
    public mutating func append<Payload: KernelPayload>(_ input: KernelRecordedInput<Payload>) {
        buffer.write(BlockEncoder.inputKind)
        Varint.writeSigned(Int64(bitPattern: input.time &- previousTime), into: &buffer)
        Varint.write(input.sequence &- previousSequence, into: &buffer)
        Varint.write(UInt64(input.topic.rawValue), into: &buffer)
        Varint.write(UInt64(input.message.payloadTag), into: &buffer)
        Varint.write(input.deliveriesBefore &- previousDeliveries, into: &buffer)
        buffer.write(input.digestFragment)
        writePayload(input.message)
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

    public mutating func append<Payload: KernelPayload>(_ decision: KernelRecordedDecision<Payload>) {
        appendEmitted(decision, kind: BlockEncoder.decisionKind)
    }

    /// An annotation (``KernelPayload/isAnnotation``): a decision record of its own kind.
    public mutating func append<Payload: KernelPayload>(annotation: KernelRecordedDecision<Payload>) {
        appendEmitted(annotation, kind: BlockEncoder.annotationKind)
    }

    mutating func appendEmitted<Payload: KernelPayload>(_ decision: KernelRecordedDecision<Payload>, kind: UInt8) {
        buffer.write(kind)
        Varint.writeSigned(Int64(bitPattern: decision.time &- previousTime), into: &buffer)
        Varint.write(UInt64(decision.source.rawValue), into: &buffer)
        Varint.write(UInt64(decision.message.payloadTag), into: &buffer)
        writePayload(decision.message)
        previousTime = decision.time
        recordCount += 1
        firstTime = min(firstTime, decision.time)
        lastTime = max(lastTime, decision.time)
    }

    /// `length varint | payload`, encoding the payload in place: one length byte is reserved and
    /// patched (payloads are shorter than 128 bytes); a longer one is moved to make room.
    mutating func writePayload<Payload: KernelPayload>(_ message: Payload) {
        let lengthAt = buffer.count
        buffer.write(UInt8(0))
        let start = buffer.count
        message.encodePayload(into: &buffer)
        let length = buffer.count - start
        if length < 0x80 {
            buffer.overwrite(UInt8(length), at: lengthAt)
            lastPayload = start..<buffer.count
            return
        }
        payload.reset()
        buffer.withUnsafeBytes { payload.writeRaw(UnsafeRawBufferPointer(rebasing: $0[start..<start + length])) }
        buffer.truncate(to: lengthAt)
        Varint.write(UInt64(length), into: &buffer)
        let moved = buffer.count
        payload.withUnsafeBytes { buffer.writeRaw($0) }
        lastPayload = moved..<buffer.count
    }

    /// Starts a new block, keeping the buffers' storage.
    public mutating func reset() {
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
