/// Sees every input at admission, before any component does, and every decision as it is
/// emitted (the journal and the replay verifier are observers). Called on the kernel thread.
public protocol InputObserver<Payload>: AnyObject {
    associatedtype Payload: KernelPayload
    /// Whether this observer reads ``KernelAdmittedInput/eventDigestBefore`` (the journal and the replay
    /// verifier do). When no observer of a kernel does, the kernel does not finalize the event
    /// digest for every input, and passes 0. Fixed for the observer's lifetime; defaults to true.
    var readsEventDigest: Bool { get }
    func kernel(_ kernel: EventKernel<Payload>, admitted input: KernelAdmittedInput<Payload>)
    /// A component emitted a decision (order, fill, position update) for `time`.
    func kernel(_ kernel: EventKernel<Payload>, emitted decision: KernelRecordedDecision<Payload>)
    /// A component emitted an annotation (``KernelPayload/isAnnotation``) for `time`; called only
    /// when the run journals annotations (``KernelConfiguration/journalsAnnotations``).
    func kernel(_ kernel: EventKernel<Payload>, emittedAnnotation annotation: KernelRecordedDecision<Payload>)
}

extension InputObserver {
    public var readsEventDigest: Bool { true }
    public func kernel(_ kernel: EventKernel<Payload>, emitted decision: KernelRecordedDecision<Payload>) {}
    public func kernel(_ kernel: EventKernel<Payload>, emittedAnnotation annotation: KernelRecordedDecision<Payload>) {}
}
