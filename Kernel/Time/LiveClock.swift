#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall time for live runs. Component code sees the same thing as on the virtual clock — `now`
/// is the current event's time, stamped by the kernel — so that the recording replays exactly;
/// only the kernel's run loop reads the wall clock (``wallTime()``).
public struct LiveClock: KernelClock {
    unowned(unsafe) let kernel: Kernel

    init(kernel: Kernel) { self.kernel = kernel }

    public var isVirtual: Bool { false }

    public var now: KernelInstant { KernelInstant(nanoseconds: kernel.now) }

    /// Suspends the calling task until the kernel's time reaches `deadline` (the kernel waits
    /// for the wall clock to get there).
    public func sleep(until deadline: KernelInstant, tolerance: Swift.Duration? = nil) async throws {
        await kernel.sleep(until: deadline.nanoseconds)
        try Task.checkCancellation()
    }

    /// The wall clock (CLOCK_REALTIME) in nanoseconds since the epoch.
    public static func wallTime() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)  // det-ok: the live clock is the one place that reads the wall
        return UInt64(spec.tv_sec) &* TimeUnits.nanosecondsPerSecond &+ UInt64(spec.tv_nsec)
    }
}
