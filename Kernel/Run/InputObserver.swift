/// Sees every input at admission, before any component does, and every decision as it is
/// emitted (the journal and the replay verifier are observers). Called on the kernel thread.
public protocol InputObserver: AnyObject {
    /// Whether this observer reads ``AdmittedInput/eventDigestBefore`` (the journal and the replay
    /// verifier do). When no observer of a kernel does, the kernel does not finalize the event
    /// digest for every input, and passes 0. Fixed for the observer's lifetime; defaults to true.
    var readsEventDigest: Bool { get }
    func kernel(_ kernel: Kernel, admitted input: AdmittedInput)
    /// A component emitted a decision (order, fill, position update) for `time`.
    func kernel(_ kernel: Kernel, emitted decision: RecordedDecision)
    /// A component emitted an annotation (``KernelPayload/isAnnotation``) for `time`; called only
    /// when the run journals annotations (``KernelConfiguration/journalsAnnotations``).
    func kernel(_ kernel: Kernel, emittedAnnotation annotation: RecordedDecision)
}

extension InputObserver {
    public var readsEventDigest: Bool { true }
    public func kernel(_ kernel: Kernel, emitted decision: RecordedDecision) {}
    public func kernel(_ kernel: Kernel, emittedAnnotation annotation: RecordedDecision) {}
}
