/// The same closure, callable from the kernel thread without the static isolation proof.
struct UncheckedReceiver<Target: Component> {
    let call: (Target, UnsafePointer<KernelDelivery<Target.Payload>>) -> Void
}
