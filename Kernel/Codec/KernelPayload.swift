/// What the kernel needs of the payloads it carries, and all it knows of them: a permanent tag,
/// one encoding and its decoder, whether the payload is a decision or an annotation, the trace
/// id it carries, and how to wrap the kernel's own timer deliveries.
///
/// The kernel schedules, delivers, hashes and journals payloads through these requirements only,
/// so that a payload type defined outside this package can implement them. The encoding is what
/// the digests hash and the journal stores (`tag u16 | payload`, docs/log-format.md): a tag is
/// never reused, and a changed layout gets a new tag whose old decoder stays.
public protocol KernelPayload: Sendable, Equatable {
    /// The payload's kind, journaled and hashed in front of its bytes.
    var payloadTag: UInt16 { get }
    /// Whether a published or sent payload is a decision: hashed into the decision digest when
    /// emitted and journaled as a decision record.
    var isDecision: Bool { get }
    /// Whether a published or sent payload is an annotation: journaled as a record of its own
    /// kind when the run journals them (``KernelConfiguration/journalsAnnotations``), never hashed
    /// into the decision digest.
    var isAnnotation: Bool { get }
    /// The input behind the payload, if it carries one (the decision log groups by it).
    var traceID: UInt64? { get }
    /// Writes the payload's bytes only: the kernel writes the tag next to the record's header.
    func encodePayload(into writer: inout BinaryWriter)
    /// Decodes what ``encodePayload(into:)`` wrote for `tag`; an unknown tag is a decoding error.
    static func decodePayload(tag: UInt16, from reader: inout BinaryReader) throws(DecodingError) -> Self
    /// The payload the kernel delivers when a timer fires.
    static func timer(_ fired: TimerFired) -> Self
    /// The timer this payload stands for, if it is one (how the kernel reads its own wake-ups).
    var firedTimer: TimerFired? { get }
}
