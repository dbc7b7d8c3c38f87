/// A component's handler with the component's type erased to a class reference: what the port
/// calls. A class-bound type and `AnyObject` are both passed as one reference, so this struct has
/// the layout and calling convention of ``UncheckedReceiver`` for any component.
struct ErasedReceiver<Payload: KernelPayload> {
    let call: (AnyObject, UnsafePointer<KernelDelivery<Payload>>) -> Void
}
