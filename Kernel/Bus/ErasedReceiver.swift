/// A component's handler with the component's type erased to a class reference: what the port
/// calls. A class-bound type and `AnyObject` are both passed as one reference, and an `isolated`
/// parameter as an ordinary one, so this struct has the layout and calling convention of
/// ``IsolatedReceiver`` for any component.
struct ErasedReceiver<Payload: KernelPayload> {
    let call: (AnyObject, UnsafePointer<KernelDelivery<Payload>>) -> Void
}
