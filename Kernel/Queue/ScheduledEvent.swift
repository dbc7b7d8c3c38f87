/// One event waiting in the queue: its key, who sent it, who receives it, and the message.
public struct ScheduledEvent: Comparable, Sendable {
    public var key: EventKey
    public var source: ActorID
    public var target: ActorID
    /// The timer this event fires, if it is a timer (checked against cancellation on delivery).
    public var timer: TimerHandle?
    public var message: Message

    public init(key: EventKey, source: ActorID, target: ActorID, timer: TimerHandle? = nil, message: Message) {
        self.key = key
        self.source = source
        self.target = target
        self.timer = timer
        self.message = message
    }

    @inline(__always)
    public static func < (lhs: ScheduledEvent, rhs: ScheduledEvent) -> Bool { lhs.key < rhs.key }

    /// Events are identified by their key alone (keys are unique within a run).
    public static func == (lhs: ScheduledEvent, rhs: ScheduledEvent) -> Bool { lhs.key == rhs.key }
}
