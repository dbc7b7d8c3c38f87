/// The two fingerprints of a run, over canonical records (see ``DigestDefinition`` for the two
/// ways they are folded together; new runs use ``DigestDefinition/recordStream``):
///
/// - `event`: over the record of every delivered event, in delivery order:
///   `time u64 | seq u64 | source u32 | target u32 | tag u16 | payload` (see docs/log-format.md).
/// - `decision`: over every decision message (orders, fills, positions) at the moment an actor
///   emits it: `time u64 | source u32 | tag u16 | payload`.
///
/// Both can be read after any event. Two runs are identical iff both digests match.
public struct RunDigest: ~Copyable, Sendable {
    public let definition: DigestDefinition
    /// The records, hashed as a stream (``DigestDefinition/recordStream``) or one by one into
    /// the chain values below (``DigestDefinition/recordChain``).
    var eventRecords = RecordStreamHash()
    var decisionRecords = RecordStreamHash()
    var eventChain: UInt64 = 0
    var decisionChain: UInt64 = 0
    /// The delivery record of the current multicast (see ``prepareSharedDelivery(time:source:message:)``).
    var sharedRecord = BinaryWriter(reservingCapacity: 128)

    /// Where `seq` and `target` sit in a delivery record (after `time u64`, and `seq u64 | source u32`).
    static let sequenceOffset = 8
    static let targetOffset = 20
    /// `time u64 | seq u64 | source u32 | target u32 | tag u16`.
    static let deliveryHeaderBytes = 26

    public init(definition: DigestDefinition = .current) {
        self.definition = definition
    }

    /// The event digest so far.
    /// - Complexity: O(1) amortized (it hashes what is buffered).
    public var event: UInt64 {
        mutating get { definition == .recordStream ? eventRecords.value : eventChain }
    }

    /// The decision digest so far.
    public var decision: UInt64 {
        mutating get { definition == .recordStream ? decisionRecords.value : decisionChain }
    }

    /// - Complexity: O(payload size); no allocation once the buffer has grown.
    @inline(__always)
    public mutating func recordDelivery<Payload: KernelPayload>(time: Timestamp, sequence: UInt64, source: ActorID, target: ActorID, message: borrowing Payload) {
        RunDigest.writeDeliveryHeader(into: &eventRecords.records, time: time, sequence: sequence, source: source, target: target,
                                      tag: message.payloadTag)
        message.encodePayload(into: &eventRecords.records)
        endEventRecord()
    }

    /// Encodes the record shared by every delivery of one multicast — the same time, source and
    /// message, only `seq` and `target` differ — so that its payload is encoded once, not once per
    /// subscriber. Follow with ``recordSharedDelivery(sequence:target:)`` for each delivery.
    /// - Complexity: O(payload size); no allocation once the buffer has grown.
    public mutating func prepareSharedDelivery<Payload: KernelPayload>(time: Timestamp, source: ActorID, message: borrowing Payload) {
        sharedRecord.reset()
        // `seq` and `target` are patched in per delivery.
        RunDigest.writeDeliveryHeader(into: &sharedRecord, time: time, sequence: 0, source: source, target: ActorID(rawValue: 0),
                                      tag: message.payloadTag)
        message.encodePayload(into: &sharedRecord)
    }

    /// `time u64 | seq u64 | source u32 | target u32 | tag u16`, the head of every delivery record.
    @inline(__always)
    static func writeDeliveryHeader(into writer: inout BinaryWriter, time: Timestamp, sequence: UInt64, source: ActorID,
                                            target: ActorID, tag: UInt16) {
        writer.writeFields(byteCount: RunDigest.deliveryHeaderBytes) { fields in
            fields.write(time)
            fields.write(sequence)
            fields.write(source.rawValue)
            fields.write(target.rawValue)
            fields.write(tag)
        }
    }

    /// Records one delivery of the prepared multicast: the same bytes as
    /// ``recordDelivery(time:sequence:source:target:message:)`` for it, so the digest cannot tell
    /// a multicast from separate events.
    /// - Complexity: O(record size), with no encoding.
    @inline(__always)
    public mutating func recordSharedDelivery(sequence: UInt64, target: ActorID) {
        sharedRecord.withUnsafeBytes { shared in
            assert(shared.count >= RunDigest.deliveryHeaderBytes, "prepareSharedDelivery first")
            eventRecords.records.append(byteCount: shared.count) { record in
                record.copyMemory(from: shared.baseAddress!, byteCount: shared.count)
                record.storeBytes(of: sequence.littleEndian, toByteOffset: RunDigest.sequenceOffset, as: UInt64.self)
                record.storeBytes(of: target.rawValue.littleEndian, toByteOffset: RunDigest.targetOffset, as: UInt32.self)
            }
        }
        endEventRecord()
    }

    public mutating func recordDecision<Payload: KernelPayload>(time: Timestamp, source: ActorID, message: borrowing Payload) {
        decisionRecords.records.write(time)
        decisionRecords.records.write(source.rawValue)
        decisionRecords.records.write(message.payloadTag)
        message.encodePayload(into: &decisionRecords.records)
        RunDigest.endRecord(in: &decisionRecords, chain: &decisionChain, definition: definition)
    }

    @inline(__always)
    mutating func endEventRecord() {
        RunDigest.endRecord(in: &eventRecords, chain: &eventChain, definition: definition)
    }

    /// Ends the record just written: left in the stream (``DigestDefinition/recordStream``), or
    /// hashed with the chain's previous value as seed and dropped (``DigestDefinition/recordChain``,
    /// whose buffer therefore only ever holds the record being written).
    @inline(__always)
    static func endRecord(in stream: inout RecordStreamHash, chain: inout UInt64, definition: DigestDefinition) {
        if definition == .recordStream {
            stream.recordEnded()
        } else {
            chain = stream.records.withUnsafeBytes { XXH64.hash($0, seed: chain) }
            stream.records.reset()
        }
    }

    /// 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
