/// Measures a run by pipeline stage while it runs (`metronome bench FILE`): the wall time of every
/// component handler, and every message a component — or the outside world, for an admitted
/// input — emits.
///
/// Not the ``DeliveryObserver``: that slot is forensics (the replay verifier holds it); this one is
/// measurement, and both may be set at once. A probe only looks: it must never schedule, publish
/// or send, so a run measures the same with the probe on or off (same digests). When no probe is
/// set, the kernel pays one branch per delivery and per emission.
///
/// Every call happens on the kernel thread, in the run's order.
public protocol StageProbe<Payload>: AnyObject {
    associatedtype Payload: KernelPayload
    /// `event` is about to reach its component's handler (timers included; the kernel's own
    /// wake-ups and cancelled timers never do).
    func kernel(_ kernel: EventKernel<Payload>, willDeliver event: KernelScheduledEvent<Payload>)

    /// The handler for `event` returned, and the jobs it left on the executor were drained, after
    /// `handlerNanoseconds` of wall time (monotonic clock, read by the kernel just around the call).
    func kernel(_ kernel: EventKernel<Payload>, delivered event: KernelScheduledEvent<Payload>, handlerNanoseconds: UInt64)

    /// `source` — a component, or ``ActorID/input`` for an input being admitted — published or sent
    /// `message` for `time` (now + its delay). Called once per publish, whatever the subscribers.
    func kernel(_ kernel: EventKernel<Payload>, emitted message: Payload, from source: ActorID, at time: Timestamp)
}
