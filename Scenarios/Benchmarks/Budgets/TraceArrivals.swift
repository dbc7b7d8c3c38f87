import Kernel
import Messages

/// When each stage first saw each trace (or, for the broker, each order): the start of a stage's
/// simulated latency. One direct-mapped table per stage, allocated once; a newer key takes over
/// its slot, and a lookup whose key has been overwritten answers nil (counted by the caller as
/// untraced, never guessed).
struct TraceArrivals {
    /// Slots per stage. Traces live for seconds to minutes of simulated time; thousands of slots
    /// keep every live one in practice.
    static let slotsPerStage = 1 << 12

    private var keys: [UInt64]
    private var times: [Timestamp]

    init(stages: Int) {
        keys = Array(repeating: .max, count: stages * TraceArrivals.slotsPerStage)
        times = Array(repeating: 0, count: stages * TraceArrivals.slotsPerStage)
    }

    @inline(__always)
    private func slot(_ key: UInt64, stage: Int) -> Int {
        // Fibonacci hashing: trace ids (input ordinals or sequence numbers) and order ids are dense in their low bits.
        let mixed = key &* 0x9E37_79B9_7F4A_7C15
        return stage * TraceArrivals.slotsPerStage + Int(truncatingIfNeeded: mixed >> 52)
    }

    /// Notes that `stage` has `key` since `time`, unless it already had it (the first arrival counts).
    @inline(__always)
    mutating func arrive(_ key: UInt64, stage: Int, at time: Timestamp) {
        let index = slot(key, stage: stage)
        guard keys[index] != key else { return }
        keys[index] = key
        times[index] = time
    }

    /// When `stage` first saw `key`, if the slot still holds it.
    @inline(__always)
    func arrival(_ key: UInt64, stage: Int) -> Timestamp? {
        let index = slot(key, stage: stage)
        return keys[index] == key ? times[index] : nil
    }

    /// Forgets `key` at `stage` (the broker answers an order once).
    @inline(__always)
    mutating func forget(_ key: UInt64, stage: Int) {
        let index = slot(key, stage: stage)
        if keys[index] == key { keys[index] = .max }
    }
}
