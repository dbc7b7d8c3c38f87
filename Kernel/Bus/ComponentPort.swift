/// The kernel's handle on one component: calls its isolated methods from the kernel thread.
///
/// Delivery is synchronous. The kernel thread *is* the component's executor (every component
/// returns the kernel's executor), so running the handler directly is exactly what the executor
/// would do — minus a job allocation and two queue operations per event. Debug and release call
/// the same receiver; debug builds also prove the isolation on every call.
///
/// One final class over the payload, holding closures made where the component's type is
/// concrete (``EventKernel/spawn(_:receiving:_:)``): a port generic over the component, called
/// through a class's vtable, would run its unspecialized body for every delivery and look up the
/// delivery's generic metadata each time.
final class ComponentPort<Payload: KernelPayload> {
    let name: String
    let start: () -> Void
    let stop: () -> Void
    /// Calls the component's `receive(_:)` with one delivery. A pointer, whose representation
    /// does not depend on the payload: a closure taking the delivery itself is stored at the
    /// generic abstraction and reached through a reabstraction thunk on every delivery.
    let receive: (UnsafePointer<KernelDelivery<Payload>>) -> Void

    init<Target: Component>(name: String, component: Target, receiver isolated: IsolatedReceiver<Target>)
    where Target.Payload == Payload {
        self.name = name
        // The cast only drops the static proof of isolation, which the kernel guarantees by
        // construction: an `isolated` parameter is an ordinary parameter at the ABI level. It is
        // made between two structs that hold the closure at the same abstraction: casting the
        // function types themselves passed them through `unsafeBitCast`'s generic parameters,
        // which left two reabstraction thunks on every delivery (docs/performance.md).
        let call = unsafeBitCast(isolated, to: UncheckedReceiver<Target>.self).call
        start = { component.assumeIsolated { $0.start() } }
        stop = { component.assumeIsolated { $0.stop() } }
        receive = { delivery in
            #if DEBUG
            component.preconditionIsolated("a component is delivered to on the kernel thread, its executor")
            #endif
            call(component, delivery)
        }
    }

    /// Hands one delivery to the component; its parts, so that the one `KernelDelivery` made is
    /// the handler's argument.
    @inline(__always)
    func deliver(time: Timestamp, sequence: UInt64, source: ActorID, message: Payload) {
        withUnsafePointer(to: KernelDelivery(time: time, sequence: sequence, source: source, message: message)) { receive($0) }
    }
}
