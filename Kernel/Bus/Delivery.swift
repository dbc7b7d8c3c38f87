/// What a component receives: one event, at the kernel's current time.
///
/// `message` is stored first, at offset 0: the kernel builds a delivery per handler call by
/// copying the message in, and behind 20 bytes of header the copy's 16-byte moves straddled the
/// ones that had just written the message — a stalled store-to-load forward on every delivery.
public struct KernelDelivery<Payload: KernelPayload>: Sendable {
    public let message: Payload
    /// The event's time (equal to `context.now` while the handler runs).
    public let time: Timestamp
    /// The event's sequence number: its position in the run's total order.
    public let sequence: UInt64
    /// Who sent it: a component, ``ActorID/input`` for admitted inputs, or the component itself
    /// for its own timers.
    public let source: ActorID

    public init(time: Timestamp, sequence: UInt64, source: ActorID, message: Payload) {
        self.time = time
        self.sequence = sequence
        self.source = source
        self.message = message
    }
}
