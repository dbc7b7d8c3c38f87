/// One input offered to the kernel: market data, alternative data, a report, a command.
public struct KernelInputRecord<Payload: KernelPayload>: Sendable, Equatable {
    /// When the input happened (virtual modes) or was recorded as admitted (replay).
    public var time: Timestamp
    public var topic: TopicID
    public var message: Payload
    /// In replay, the sequence number the input was admitted with when it was recorded; the
    /// kernel checks that it assigns the same one (the first mismatch is reported).
    public var recordedSequence: UInt64?

    public init(time: Timestamp, topic: TopicID, message: Payload, recordedSequence: UInt64? = nil) {
        self.time = time
        self.topic = topic
        self.message = message
        self.recordedSequence = recordedSequence
    }
}

/// An input as the kernel admitted it: stamped with its admission time and sequence number.
/// This is exactly what the journal records, before any component sees the input.
public struct KernelAdmittedInput<Payload: KernelPayload>: Sendable, Equatable {
    public var time: Timestamp
    public var sequence: UInt64
    public var topic: TopicID
    public var message: Payload
    /// Deliveries made before this input (a checkpoint for replay).
    public var deliveriesBefore: UInt64
    /// The event digest before this input (a checkpoint for replay); 0 when no observer of the
    /// kernel reads it (``InputObserver/readsEventDigest``).
    public var eventDigestBefore: UInt64
    /// The trace id the decisions this input leads to carry (``TraceIdentity``).
    public var traceID: UInt64

    public init(time: Timestamp, sequence: UInt64, topic: TopicID, message: Payload, deliveriesBefore: UInt64 = 0, eventDigestBefore: UInt64 = 0,
                traceID: UInt64 = 0) {
        self.time = time
        self.sequence = sequence
        self.topic = topic
        self.message = message
        self.deliveriesBefore = deliveriesBefore
        self.eventDigestBefore = eventDigestBefore
        self.traceID = traceID
    }
}
