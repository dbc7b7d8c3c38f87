import Logging

/// What a kernel needs to know before it runs.
public struct KernelConfiguration: Sendable {
    public var mode: RunMode
    /// The root seed every random stream is split from.
    public var seed: UInt64
    /// The time of the first event (virtual modes). Live runs start at the wall time instead.
    public var startTime: Timestamp
    /// Events after this time are not delivered; inputs after it are not admitted. `nil` runs
    /// until inputs and events are exhausted (or forever, in live mode, until stopped).
    public var endTime: Timestamp?
    /// Stop after this many deliveries (an event budget). `nil` = no limit.
    public var maximumDeliveries: UInt64?
    /// Upper bound on jobs drained after one event; more means a spinning task (trap).
    public var maximumJobsPerEvent: Int
    public var logLevel: Logger.Level
    /// How the digests fold the records: the current definition, or the one a log being
    /// replayed was recorded under.
    public var digestDefinition: DigestDefinition
    /// What trace ids name: the current identity, or the one a log being replayed was recorded
    /// under. The first digest definition predates ordinals: its runs always trace by sequence.
    public var traceIdentity: TraceIdentity {
        get { digestDefinition == .recordChain ? .inputSequence : requestedTraceIdentity }
        set { requestedTraceIdentity = newValue }
    }
    var requestedTraceIdentity: TraceIdentity
    /// Whether observers (the journal) are shown annotations (``KernelPayload/isAnnotation``) as
    /// well as decisions. Changes no event
    /// and no digest; a recording of such a run is log format 5 (docs/log-format.md).
    public var journalsAnnotations = false

    public init(mode: RunMode = .simulate, seed: UInt64 = 0, startTime: Timestamp = 0, endTime: Timestamp? = nil,
                maximumDeliveries: UInt64? = nil, maximumJobsPerEvent: Int = 1_000_000, logLevel: Logger.Level = .warning,
                digestDefinition: DigestDefinition = .current, traceIdentity: TraceIdentity = .current) {
        self.mode = mode
        self.seed = seed
        self.startTime = startTime
        self.endTime = endTime
        self.maximumDeliveries = maximumDeliveries
        self.maximumJobsPerEvent = maximumJobsPerEvent
        self.logLevel = logLevel
        self.digestDefinition = digestDefinition
        requestedTraceIdentity = traceIdentity
    }

    /// The log format version a recording of this run writes: the newest that records both its
    /// digests and its trace ids that way, and 5 when it also holds annotation records.
    public var journalFormatVersion: UInt16 {
        switch (digestDefinition, traceIdentity) {
        case (.recordChain, _): 1
        case (.recordStream, .inputSequence): 3
        case (.recordStream, .inputOrdinal): journalsAnnotations ? 5 : 4
        }
    }
}
