/// The events due at the kernel's current time, first in, first out: a ring of slots allocated
/// once and doubled when full.
///
/// Why not `Deque`: the kernel looks at the head's key before every delivery, and `Deque.first`
/// copies the whole 104-byte event to read 16 bytes of it; each append also checks the storage's
/// uniqueness. Here the key is read in place and an append is a bounds check and a copy.
/// Noncopyable, so that the storage has exactly one owner and is freed with it.
struct EventRing<Payload: KernelPayload>: ~Copyable {
    var slots: UnsafeMutablePointer<KernelScheduledEvent<Payload>>
    /// A power of two, so that a slot index wraps with a mask.
    var capacity: Int
    var head = 0
    internal(set) var count = 0

    init(capacity requested: Int) {
        capacity = max(16, 1 << (Int.bitWidth - (max(requested, 2) - 1).leadingZeroBitCount))
        slots = .allocate(capacity: capacity)
    }

    deinit {
        for offset in 0..<count { (slots + ((head + offset) & (capacity - 1))).deinitialize(count: 1) }
        slots.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// The head's key, read in place.
    @inline(__always)
    var firstKey: EventKey? { count == 0 ? nil : slots[head].key }

    /// The tail's key (for the queue's order assertion).
    var lastKey: EventKey? { count == 0 ? nil : slots[(head + count - 1) & (capacity - 1)].key }

    /// - Complexity: O(1); O(count) when the ring doubles, which a run does a handful of times.
    @inline(__always)
    mutating func append(_ event: KernelScheduledEvent<Payload>) {
        if count == capacity { grow() }
        (slots + ((head + count) & (capacity - 1))).initialize(to: event)
        count += 1
    }

    /// - Complexity: O(1).
    @inline(__always)
    mutating func popFirst() -> KernelScheduledEvent<Payload>? {
        guard count > 0 else { return nil }
        let event = (slots + head).move()
        head = (head + 1) & (capacity - 1)
        count -= 1
        return event
    }

    /// Doubles the ring, moving the events to the front of the new one in order.
    @inline(never)
    mutating func grow() {
        let larger = UnsafeMutablePointer<KernelScheduledEvent<Payload>>.allocate(capacity: capacity * 2)
        let firstRun = min(count, capacity - head)
        larger.moveInitialize(from: slots + head, count: firstRun)
        (larger + firstRun).moveInitialize(from: slots, count: count - firstRun)
        slots.deallocate()
        slots = larger
        capacity *= 2
        head = 0
    }
}
