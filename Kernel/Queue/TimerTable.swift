/// Which timers are still armed. Slots are reused through a free list, and each reuse bumps
/// the slot's generation, so cancellation and the check on delivery are array lookups (no
/// dictionary, no allocation once the table has grown to the peak number of live timers).
struct TimerTable {
    var generations: [UInt32] = []
    var armed: [Bool] = []
    var freeSlots: [UInt32] = []
    internal(set) var liveCount = 0

    /// - Complexity: O(1) amortized.
    mutating func arm() -> TimerHandle {
        let slot: UInt32
        if let reused = freeSlots.popLast() {
            slot = reused
            generations[Int(slot)] &+= 1
        } else {
            slot = UInt32(generations.count)
            generations.append(0)
            armed.append(false)
        }
        armed[Int(slot)] = true
        liveCount += 1
        return TimerHandle(slot: slot, generation: generations[Int(slot)])
    }

    /// Disarms a timer. Returns false if it already fired or was cancelled.
    mutating func cancel(_ handle: TimerHandle) -> Bool {
        guard isArmed(handle) else { return false }
        release(handle)
        return true
    }

    /// Called when a timer's event comes up: true if it should be delivered. Either way the
    /// timer is finished afterwards.
    mutating func fire(_ handle: TimerHandle) -> Bool {
        if isArmed(handle) {
            release(handle)
            return true
        }
        // A cancelled timer's slot was released at cancel time; if it was reused since, the
        // generation differs and the newer timer is untouched.
        return false
    }

    func isArmed(_ handle: TimerHandle) -> Bool {
        let index = Int(handle.slot)
        return index < generations.count && generations[index] == handle.generation && armed[index]
    }

    mutating func release(_ handle: TimerHandle) {
        armed[Int(handle.slot)] = false
        freeSlots.append(handle.slot)
        liveCount -= 1
    }
}
