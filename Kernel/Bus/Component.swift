/// A pipeline component: a Swift actor that runs on its kernel's executor.
///
/// Conformers are created by ``EventKernel/spawn(_:_:)`` with their ``KernelContext`` and must return the
/// kernel's executor:
///
/// ```swift
/// actor Echo: Component {
///     let context: Context
///     nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
///     init(context: Context) { self.context = context }
///     func receive(_ delivery: Delivery) { context.publish(out, delivery.message) }
/// }
/// ```
///
/// The kernel calls ``start()``, ``receive(_:)`` and ``stop()`` synchronously on the kernel thread,
/// one event at a time. Messages that must be ordered go through the context (publish, send,
/// timers): a direct `await` on another component runs inline and is not a scheduling point.
public protocol Component<Payload>: Actor {
    /// What this component receives and emits.
    associatedtype Payload: KernelPayload
    /// The context the kernel created for this component.
    nonisolated var context: KernelContext<Payload> { get }
    /// Called once at the start time, in registration order: subscribe, arm timers.
    func start()
    /// Called for every event addressed to this component, in `(time, sequence)` order.
    func receive(_ delivery: KernelDelivery<Payload>)
    /// Called once at the end of the run, in registration order.
    func stop()
}

extension Component {
    public func start() {}
    public func stop() {}
}
