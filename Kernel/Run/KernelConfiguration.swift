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

    public init(mode: RunMode = .simulate, seed: UInt64 = 0, startTime: Timestamp = 0, endTime: Timestamp? = nil,
                maximumDeliveries: UInt64? = nil, maximumJobsPerEvent: Int = 1_000_000, logLevel: Logger.Level = .warning,
                digestDefinition: DigestDefinition = .current) {
        self.mode = mode
        self.seed = seed
        self.startTime = startTime
        self.endTime = endTime
        self.maximumDeliveries = maximumDeliveries
        self.maximumJobsPerEvent = maximumJobsPerEvent
        self.logLevel = logLevel
        self.digestDefinition = digestDefinition
    }
}
