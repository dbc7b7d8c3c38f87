/// A component's handler as the kernel holds it before the isolation cast.
struct IsolatedReceiver<Target: Component> {
    let call: (isolated Target, UnsafePointer<KernelDelivery<Target.Payload>>) -> Void
}
