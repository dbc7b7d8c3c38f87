/// One record of a log: an input as the kernel admitted it, a decision as an actor emitted it,
/// or (format 5, a run that journals annotations) an annotation (``KernelPayload/isAnnotation``).
///
/// Inputs are what a replay needs; decisions (orders, fills, positions) are what a replay is
/// checked against, exactly, and what `metronome diff` compares. Annotation records (the
/// indicator values behind them, forecasts, slates) are checked and compared too, but are no
/// part of the decision digest.
public enum KernelJournalRecord<Payload: KernelPayload>: Sendable, Equatable {
    case input(KernelRecordedInput<Payload>)
    case decision(KernelRecordedDecision<Payload>)
    case annotation(KernelRecordedDecision<Payload>)

    public var time: Timestamp {
        switch self {
        case .input(let input): input.time
        case .decision(let decision), .annotation(let decision): decision.time
        }
    }

    public var message: Payload {
        switch self {
        case .input(let input): input.message
        case .decision(let decision), .annotation(let decision): decision.message
        }
    }
}

/// An admitted input, with the checkpoint the kernel was at when it admitted it.
public struct KernelRecordedInput<Payload: KernelPayload>: Sendable, Equatable {
    public var time: Timestamp
    public var sequence: UInt64
    public var topic: TopicID
    public var message: Payload
    /// Deliveries made before this input was admitted.
    public var deliveriesBefore: UInt64
    /// The low 8 bits of the event digest before this input: a cheap per-input checkpoint that
    /// lets a replay localize a divergence to the events between two inputs.
    public var digestFragment: UInt8

    public init(time: Timestamp, sequence: UInt64, topic: TopicID, message: Payload, deliveriesBefore: UInt64, digestFragment: UInt8) {
        self.time = time
        self.sequence = sequence
        self.topic = topic
        self.message = message
        self.deliveriesBefore = deliveriesBefore
        self.digestFragment = digestFragment
    }
}

/// A decision emitted by a component: the record the decision digest hashes. An annotation record has
/// the same fields (and is not hashed).
public struct KernelRecordedDecision<Payload: KernelPayload>: Sendable, Equatable {
    public var time: Timestamp
    public var source: ActorID
    public var message: Payload

    public init(time: Timestamp, source: ActorID, message: Payload) {
        self.time = time
        self.source = source
        self.message = message
    }
}
