/// What a component receives: one event, at the kernel's current time.
public struct Delivery: Sendable {
    /// The event's time (equal to `context.now` while the handler runs).
    public let time: Timestamp
    /// The event's sequence number: its position in the run's total order.
    public let sequence: UInt64
    /// Who sent it: a component, ``ActorID/input`` for admitted inputs, or the component itself
    /// for its own timers.
    public let source: ActorID
    public let message: Message

    public init(time: Timestamp, sequence: UInt64, source: ActorID, message: Message) {
        self.time = time
        self.sequence = sequence
        self.source = source
        self.message = message
    }
}
