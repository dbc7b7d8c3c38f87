/// One event waiting in the queue: its key, who sent it, who receives it, and the message.
///
/// An entry is either one event to `target` or a multicast: one publish to n ≥ 2 subscribers,
/// queued once and delivered n times (see ``multicastCount``). Observers and probes only ever see
/// single events: the kernel gives each delivery of a multicast its own.
public struct KernelScheduledEvent<Payload: KernelPayload>: Comparable, Sendable {
    public var key: EventKey
    public var source: ActorID
    /// The receiving component; in a multicast entry, the topic (its raw value) instead.
    public var target: ActorID
    /// The timer this event fires, if it is a timer (checked against cancellation on delivery).
    public var timer: TimerHandle?
    /// 0 for an event to `target`. A multicast entry holds its n: it stands for n deliveries, to
    /// the first n subscribers of topic `target.rawValue`, with sequence numbers
    /// `key.sequence ..< key.sequence + n` (reserved when it was published). Declared after
    /// `timer` so that it sits in the padding before `message`: the entry is no larger for it.
    var multicastCount: UInt32 = 0
    public var message: Payload

    public init(key: EventKey, source: ActorID, target: ActorID, timer: TimerHandle? = nil, message: Payload) {
        self.key = key
        self.source = source
        self.target = target
        self.timer = timer
        self.message = message
    }

    /// A multicast entry: `message` for the first `count` subscribers of `topic`, the first of
    /// them with sequence number `key.sequence`.
    init(multicastAt key: EventKey, source: ActorID, topic: TopicID, count: UInt32, message: Payload) {
        assert(count >= 2, "a publish to one subscriber is a single event")
        self.key = key
        self.source = source
        target = ActorID(rawValue: topic.rawValue)
        multicastCount = count
        self.message = message
    }

    /// True for an entry that stands for several deliveries.
    @inline(__always) var isMulticast: Bool { multicastCount != 0 }

    @inline(__always)
    public static func < (lhs: KernelScheduledEvent<Payload>, rhs: KernelScheduledEvent<Payload>) -> Bool { lhs.key < rhs.key }

    /// Events are identified by their key alone (keys are unique within a run).
    public static func == (lhs: KernelScheduledEvent<Payload>, rhs: KernelScheduledEvent<Payload>) -> Bool { lhs.key == rhs.key }
}
