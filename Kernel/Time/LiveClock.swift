/// Wall time for live runs. Component code sees the same thing as on the virtual clock — `now`
/// is the current event's time, stamped by the kernel — so that the recording replays exactly;
/// only the kernel's run loop reads the wall clock (``WallClock/wallTime()``).
public struct LiveClock<Payload: KernelPayload>: KernelClock {
    unowned(unsafe) let kernel: EventKernel<Payload>

    init(kernel: EventKernel<Payload>) { self.kernel = kernel }

    public var isVirtual: Bool { false }

    public var now: KernelInstant { KernelInstant(nanoseconds: kernel.now) }

    /// Suspends the calling task until the kernel's time reaches `deadline` (the kernel waits
    /// for the wall clock to get there).
    public func sleep(until deadline: KernelInstant, tolerance: Swift.Duration? = nil) async throws {
        await kernel.sleep(until: deadline.nanoseconds)
        try Task.checkCancellation()
    }
}
