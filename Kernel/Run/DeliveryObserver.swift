/// Sees every delivered event, after it is hashed and before its handler runs. For forensics
/// (replay verification, tracing), not for components: at most one per kernel, and it costs one
/// branch per delivery when absent.
public protocol DeliveryObserver<Payload>: AnyObject {
    associatedtype Payload: KernelPayload
    func kernel(_ kernel: EventKernel<Payload>, delivering event: KernelScheduledEvent<Payload>, index: UInt64)
}
