import HeapModule

/// The kernel's pending events, in `(time, sequence)` order.
///
/// Two containers: a FIFO for events due *now* (the common case — a message published while
/// handling an event at time t is delivered at time t), and a heap for events in the future
/// (timers, latency-delayed messages). The split is invisible to callers: ``popNext()`` always
/// returns the smallest key.
///
/// Why the FIFO can be used without comparing against the heap on every push: sequence numbers
/// only grow. An event in the heap whose time has come was scheduled before any event in the
/// FIFO at that time (it was scheduled while `now` was earlier), so it has a smaller sequence
/// number and goes first. ``popNext()`` therefore takes the heap's minimum when it is due, and the
/// FIFO's head otherwise.
public struct EventQueue<Payload: KernelPayload>: ~Copyable, @unchecked Sendable {
    var dueNow = EventRing<Payload>(capacity: 1024)
    var future = Heap<KernelScheduledEvent<Payload>>()
    /// The key of `future`'s minimum, kept beside the heap: `Heap.min` copies the whole event.
    var futureMinKey: EventKey?
    /// The time of the FIFO's events (all events in `dueNow` share it).
    public internal(set) var now: Timestamp

    public init(startTime: Timestamp) {
        now = startTime
    }

    public var count: Int { dueNow.count + future.count }
    public var isEmpty: Bool { dueNow.isEmpty && future.isEmpty }

    /// Adds an event. Its time must not be earlier than ``now``.
    /// - Complexity: O(1) amortized for `time == now`, O(log n) otherwise.
    @inline(__always)
    public mutating func push(_ event: KernelScheduledEvent<Payload>) {
        assert(event.key.time >= now, "event scheduled in the past: \(event.key) < now \(now)")
        if event.key.time == now {
            assert(dueNow.lastKey.map { $0 < event.key } ?? true, "FIFO sequence must increase")
            dueNow.append(event)
        } else {
            if futureMinKey.map({ event.key < $0 }) ?? true { futureMinKey = event.key }
            future.insert(event)
        }
    }

    /// The key of the next event, without removing it.
    /// - Complexity: O(1).
    @inline(__always)
    public var nextKey: EventKey? {
        if let minimum = futureMinKey, minimum.time <= now { return minimum }
        if let head = dueNow.firstKey { return head }
        return futureMinKey
    }

    /// Removes and returns the event with the smallest key, advancing ``now`` to its time.
    /// - Complexity: O(1) from the FIFO, O(log n) from the heap.
    @inline(__always)
    public mutating func popNext() -> KernelScheduledEvent<Payload>? {
        if let minimum = futureMinKey, minimum.time <= now {
            return popFutureMinimum()
        }
        if let head = dueNow.popFirst() { return head }
        guard let head = popFutureMinimum() else { return nil }
        now = head.key.time
        return head
    }

    @inline(__always)
    mutating func popFutureMinimum() -> KernelScheduledEvent<Payload>? {
        let minimum = future.popMin()
        futureMinKey = future.min?.key
        return minimum
    }

    /// Moves ``now`` forward (used when an input is admitted at a time with no pending event).
    public mutating func advance(to time: Timestamp) {
        precondition(time >= now, "time never goes backwards: \(time) < \(now)")
        precondition(dueNow.isEmpty, "cannot advance time while events are due now")
        now = time
    }
}
