/// Names one scheduled timer so that it can be cancelled. A handle stays valid after its timer
/// fired or was cancelled; cancelling it again is a no-op.
public struct TimerHandle: Hashable, Sendable {
    /// Slot in the kernel's timer table.
    public let slot: UInt32
    /// Incremented every time the slot is reused, so a stale handle never cancels a newer timer.
    public let generation: UInt32
}
