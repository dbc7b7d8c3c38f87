/// Chaos injection's single door into the run: sees every message delivery (never timers or
/// kernel wake-ups) just before it happens and may let it through (possibly changed), drop it or
/// delay it. Off — nil — in every run without a `chaos:` section, costing one branch per delivery.
///
/// It must be deterministic: decide from the event, the kernel's time and state driven by
/// admitted inputs (the journaled fault events), and seeded randomness only — so that a chaos
/// run replays bit-for-bit.
public protocol DeliveryInterceptor<Payload>: AnyObject {
    associatedtype Payload: KernelPayload
    func intercept(_ kernel: EventKernel<Payload>, time: Timestamp, sequence: UInt64, source: ActorID, target: ActorID,
                   message: inout Payload) -> InterceptAction
}

public enum InterceptAction: Sendable, Equatable {
    case deliver
    case drop
    /// Deliver it this much later instead (the interceptor sees it again then).
    case delay(DurationNanoseconds)
}
