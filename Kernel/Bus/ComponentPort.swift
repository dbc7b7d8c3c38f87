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
    /// The component, held by `start` and `stop`; passed to ``call`` with every delivery, unretained
    /// (a strong or `unowned(unsafe)` reference was retained and released around every call).
    let component: Unmanaged<AnyObject>
    /// The component's handler, called directly with the component and one delivery: one indirect
    /// call per delivery (a closure capturing the component and calling the handler was two). A
    /// pointer to the delivery, whose representation does not depend on the payload: a closure
    /// taking the delivery itself is stored at the generic abstraction and reached through a
    /// reabstraction thunk on every delivery.
    let call: (AnyObject, UnsafePointer<KernelDelivery<Payload>>) -> Void
    #if DEBUG
    let checkIsolation: () -> Void
    #endif

    init<Target: Component>(name: String, component: Target, receiver isolated: IsolatedReceiver<Target>)
    where Target.Payload == Payload {
        self.name = name
        // The cast only drops the static proof of isolation, which the kernel guarantees by
        // construction (an `isolated` parameter is an ordinary parameter at the ABI level), and
        // the component's type, a class reference either way. It is made between structs that
        // hold the closure at the same abstraction: casting the function types themselves passed
        // them through `unsafeBitCast`'s generic parameters, which left two reabstraction thunks
        // on every delivery (docs/performance.md).
        call = unsafeBitCast(isolated, to: ErasedReceiver<Payload>.self).call
        self.component = Unmanaged.passUnretained(component)
        start = { component.assumeIsolated { $0.start() } }
        stop = { component.assumeIsolated { $0.stop() } }
        #if DEBUG
        checkIsolation = { component.preconditionIsolated("a component is delivered to on the kernel thread, its executor") }
        #endif
    }

    /// Hands one delivery to the component; its parts, so that the one `KernelDelivery` made is
    /// the handler's argument. Debug and release call the same handler; debug builds also prove
    /// the isolation on every call.
    @inline(__always)
    func deliver(time: Timestamp, sequence: UInt64, source: ActorID, message: Payload) {
        #if DEBUG
        checkIsolation()
        #endif
        withUnsafePointer(to: KernelDelivery(time: time, sequence: sequence, source: source, message: message)) { delivery in
            component._withUnsafeGuaranteedRef { call($0, delivery) }
        }
    }
}
