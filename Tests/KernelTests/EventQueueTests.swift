@testable import Kernel
import Messages
import Testing

/// The kernel's queue on its own: the FIFO ring's wrap-around and growth, and the heap's cached
/// minimum key, against a plain sort by key.
@Suite struct EventQueueTests {
    static func event(time: Timestamp, sequence: UInt64) -> ScheduledEvent {
        ScheduledEvent(key: EventKey(time: time, sequence: sequence), source: .input, target: ActorID(rawValue: 0),
                       message: .ping(Ping(value: sequence)))
    }

    @Test func theRingKeepsItsOrderThroughWrapAroundAndGrowth() {
        var ring = EventRing<Message>(capacity: 16)
        var expected: [UInt64] = []
        var popped: [UInt64] = []
        var next: UInt64 = 0
        // Fill part-way, drain some so the head moves, then overfill so it grows while wrapped.
        for round in [10, 30, 200, 5, 1_000] {
            for _ in 0..<round {
                ring.append(Self.event(time: 0, sequence: next))
                expected.append(next)
                next += 1
            }
            #expect(ring.firstKey?.sequence == UInt64(popped.count), "the head is the oldest event not yet popped")
            for _ in 0..<(round / 2) { popped.append(ring.popFirst()!.key.sequence) }
        }
        #expect(ring.lastKey?.sequence == next - 1)
        while let event = ring.popFirst() { popped.append(event.key.sequence) }
        #expect(popped == expected, "first in, first out, across every growth")
        #expect(ring.isEmpty && ring.firstKey == nil && ring.count == 0)
    }

    @Test func popNextAlwaysReturnsTheSmallestKey() {
        var queue = EventQueue<Message>(startTime: 0)
        var random = SplitMix64(seed: 9)
        var sequence: UInt64 = 0
        var popped: [EventKey] = []
        var pushed: [EventKey] = []
        for _ in 0..<5_000 {
            // Push a few events — some due now (the FIFO), some later (the heap) — then pop one.
            for _ in 0..<(random.next() % 3) {
                let time = queue.now + (random.next() % 2 == 0 ? 0 : random.next() % 50)
                let event = Self.event(time: time, sequence: sequence)
                sequence += 1
                pushed.append(event.key)
                queue.push(event)
            }
            if let key = queue.nextKey {
                let event = queue.popNext()!
                #expect(event.key == key, "nextKey names the event popNext returns")
                popped.append(event.key)
            }
        }
        while let event = queue.popNext() { popped.append(event.key) }
        #expect(popped == pushed.sorted(), "every event once, in (time, sequence) order")
        #expect(queue.isEmpty && queue.nextKey == nil)
    }
}
