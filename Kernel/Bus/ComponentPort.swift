/// The kernel's handle on one component: calls its isolated methods from the kernel thread.
///
/// Delivery is synchronous. The kernel thread *is* the component's executor (every component
/// returns the kernel's executor), so running the handler directly is exactly what the executor
/// would do — minus a job allocation and two queue operations per event. Debug builds prove it
/// on every call with `assumeIsolated`; release builds skip the check.
class ComponentPort {
    let name: String

    init(name: String) { self.name = name }

    func start() { fatalError("abstract") }
    func deliver(_ delivery: Delivery) { fatalError("abstract") }
    func stop() { fatalError("abstract") }
}

final class TypedComponentPort<Target: Component>: ComponentPort {
    let component: Target
    private let receiveUnchecked: (Target, Delivery) -> Void

    init(name: String, component: Target) {
        self.component = component
        let isolated: (isolated Target, Delivery) -> Void = { target, delivery in target.receive(delivery) }
        // An `isolated` parameter is an ordinary parameter at the ABI level; the cast only drops
        // the static proof of isolation, which the kernel guarantees by construction.
        receiveUnchecked = unsafeBitCast(isolated, to: ((Target, Delivery) -> Void).self)
        super.init(name: name)
    }

    override func start() { component.assumeIsolated { $0.start() } }

    @inline(__always)
    override func deliver(_ delivery: Delivery) {
        #if DEBUG
        component.assumeIsolated { $0.receive(delivery) }
        #else
        receiveUnchecked(component, delivery)
        #endif
    }

    override func stop() { component.assumeIsolated { $0.stop() } }
}
