/// The two fingerprints of a run, as hash chains over canonical records:
/// `digest(n) = XXH64(record(n), seed: digest(n − 1))`, `digest(0) = 0` — a rolling hash that
/// can be read after any event, and costs one small one-shot hash per record.
///
/// - `event`: over the record of every delivered event, in delivery order:
///   `time u64 | seq u64 | source u32 | target u32 | tag u16 | payload` (see docs/log-format.md).
/// - `decision`: over every decision message (orders, fills, positions) at the moment an actor
///   emits it: `time u64 | source u32 | tag u16 | payload`.
///
/// Two runs are identical iff both digests match.
public struct RunDigest: ~Copyable, Sendable {
    public private(set) var event: UInt64 = 0
    public private(set) var decision: UInt64 = 0
    /// Reused scratch space: hashing an event allocates nothing.
    private var scratch = BinaryWriter(reservingCapacity: 128)
    /// The delivery record of the current multicast (see ``prepareSharedDelivery(time:source:message:)``).
    /// Its own buffer: a handler's decisions are hashed in `scratch` between two of its deliveries.
    private var sharedRecord = BinaryWriter(reservingCapacity: 128)

    /// Where `seq` and `target` sit in a delivery record (after `time u64`, and `seq u64 | source u32`).
    private static let sequenceOffset = 8
    private static let targetOffset = 20

    public init() {}

    /// - Complexity: O(payload size); no allocation once the scratch buffer has grown.
    @inline(__always)
    public mutating func recordDelivery(time: Timestamp, sequence: UInt64, source: ActorID, target: ActorID, message: borrowing Message) {
        scratch.reset()
        scratch.write(time)
        scratch.write(sequence)
        scratch.write(source.rawValue)
        scratch.write(target.rawValue)
        scratch.write(message.tag.rawValue)
        message.encodePayload(into: &scratch)
        event = scratch.withUnsafeBytes { XXH64.hash($0, seed: event) }
    }

    /// Encodes the record shared by every delivery of one multicast — the same time, source and
    /// message, only `seq` and `target` differ — so that its payload is encoded once, not once per
    /// subscriber. Follow with ``recordSharedDelivery(sequence:target:)`` for each delivery.
    /// - Complexity: O(payload size); no allocation once the buffer has grown.
    public mutating func prepareSharedDelivery(time: Timestamp, source: ActorID, message: borrowing Message) {
        sharedRecord.reset()
        sharedRecord.write(time)
        sharedRecord.write(UInt64(0))  // seq: set per delivery
        sharedRecord.write(source.rawValue)
        sharedRecord.write(UInt32(0))  // target: set per delivery
        sharedRecord.write(message.tag.rawValue)
        message.encodePayload(into: &sharedRecord)
    }

    /// Hashes one delivery of the prepared multicast: the same bytes as
    /// ``recordDelivery(time:sequence:source:target:message:)`` for it, so the digest cannot tell
    /// a multicast from separate events.
    /// - Complexity: O(record size), with no encoding.
    @inline(__always)
    public mutating func recordSharedDelivery(sequence: UInt64, target: ActorID) {
        sharedRecord.overwrite(sequence, at: RunDigest.sequenceOffset)
        sharedRecord.overwrite(target.rawValue, at: RunDigest.targetOffset)
        event = sharedRecord.withUnsafeBytes { XXH64.hash($0, seed: event) }
    }

    public mutating func recordDecision(time: Timestamp, source: ActorID, message: borrowing Message) {
        scratch.reset()
        scratch.write(time)
        scratch.write(source.rawValue)
        scratch.write(message.tag.rawValue)
        message.encodePayload(into: &scratch)
        decision = scratch.withUnsafeBytes { XXH64.hash($0, seed: decision) }
    }

    public var eventHex: String { RunDigest.hex(event) }
    public var decisionHex: String { RunDigest.hex(decision) }

    /// 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
