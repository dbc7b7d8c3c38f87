/// The kernel's handle on one component: calls its isolated methods from the kernel thread.
///
/// Delivery is synchronous. The kernel thread *is* the component's executor (every component
/// returns the kernel's executor), so running the handler directly is exactly what the executor
/// would do — minus a job allocation and two queue operations per event. Debug and release call
/// the same receiver; debug builds also prove the isolation on every call.
class ComponentPort<Payload: KernelPayload> {
    let name: String

    init(name: String) { self.name = name }

    func start() { fatalError("abstract") }
    /// Hands one delivery to the component; its parts, so that the one `Delivery` made is the
    /// handler's argument.
    func deliver(time: Timestamp, sequence: UInt64, source: ActorID, message: Payload) { fatalError("abstract") }
    func stop() { fatalError("abstract") }
}

final class TypedComponentPort<Target: Component>: ComponentPort<Target.Payload> {
    let component: Target
    private let receiver: UncheckedReceiver<Target>

    /// - Parameter receiver: calls the component's `receive(_:)`.
    init(name: String, component: Target, receiver isolated: IsolatedReceiver<Target>) {
        self.component = component
        // The cast only drops the static proof of isolation, which the kernel guarantees by
        // construction: an `isolated` parameter is an ordinary parameter at the ABI level. It is
        // made between two structs that hold the closure at the same abstraction: casting the
        // function types themselves passed them through `unsafeBitCast`'s generic parameters,
        // which left two reabstraction thunks on every delivery (docs/performance.md).
        receiver = unsafeBitCast(isolated, to: UncheckedReceiver<Target>.self)
        super.init(name: name)
    }

    override func start() { component.assumeIsolated { $0.start() } }

    @inline(__always)
    override func deliver(time: Timestamp, sequence: UInt64, source: ActorID, message: Target.Payload) {
        let delivery = KernelDelivery(time: time, sequence: sequence, source: source, message: message)
        #if DEBUG
        component.preconditionIsolated("a component is delivered to on the kernel thread, its executor")
        #endif
        receiver.call(component, delivery)
    }

    override func stop() { component.assumeIsolated { $0.stop() } }
}
