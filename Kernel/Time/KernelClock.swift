/// The clock component code sees: a Swift `Clock` whose `now` is the time of the event being
/// handled and whose `sleep(until:)` is a kernel timer.
///
/// Two implementations: ``VirtualClock`` (simulate and replay: the kernel jumps to the next event)
/// and ``LiveClock`` (live: the kernel waits for the wall clock). Component code cannot tell them
/// apart — which is why a live day replays bit-for-bit on the virtual clock.
public protocol KernelClock: Clock, Sendable where Instant == KernelInstant, Duration == Swift.Duration {
    /// True for the virtual clock.
    var isVirtual: Bool { get }
}

extension KernelClock {
    public var minimumResolution: Swift.Duration { .nanoseconds(1) }
}
