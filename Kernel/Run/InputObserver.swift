/// Sees every input at admission, before any component does, and every decision as it is
/// emitted (the journal and the replay verifier are observers). Called on the kernel thread.
public protocol InputObserver: AnyObject {
    func kernel(_ kernel: Kernel, admitted input: AdmittedInput)
    /// A component emitted a decision (order, fill, position update) for `time`.
    func kernel(_ kernel: Kernel, emitted decision: RecordedDecision)
}

extension InputObserver {
    public func kernel(_ kernel: Kernel, emitted decision: RecordedDecision) {}
}
