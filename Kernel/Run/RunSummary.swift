/// The kernel's account of a finished run.
public struct RunSummary: Sendable {
    public var mode: RunMode
    public var seed: UInt64
    public var stopReason: StopReason
    /// Events delivered to a component or to the kernel itself.
    public var deliveries: UInt64
    /// Inputs admitted.
    public var inputs: UInt64
    /// Inputs whose time was earlier than the kernel's clock and were admitted at "now".
    public var inputsClampedToNow: UInt64
    public var timersFired: UInt64
    /// Timer events skipped because the timer was cancelled.
    public var timersCancelled: UInt64
    /// Jobs (task continuations) the executor ran.
    public var jobsRun: UInt64
    public var startTime: Timestamp
    /// The time of the last delivered event (or the start time).
    public var endTime: Timestamp
    public var digest: UInt64
    public var decisionDigest: UInt64
    /// In replay: the first input whose sequence number differed from the recorded one.
    public var firstSequenceMismatch: SequenceMismatch?

    public var digestHex: String { RunDigest.hex(digest) }
    public var decisionDigestHex: String { RunDigest.hex(decisionDigest) }
}

/// An input admitted with a different sequence number than recorded: the replay diverged before it.
public struct SequenceMismatch: Sendable, Equatable {
    public var inputIndex: UInt64
    public var time: Timestamp
    public var recorded: UInt64
    public var actual: UInt64
}
