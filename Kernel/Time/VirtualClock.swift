/// Simulated time: `now` is the current event's time and the kernel jumps from event to event.
public struct VirtualClock<Payload: KernelPayload>: KernelClock {
    unowned(unsafe) let kernel: EventKernel<Payload>

    init(kernel: EventKernel<Payload>) { self.kernel = kernel }

    public var isVirtual: Bool { true }

    public var now: KernelInstant { KernelInstant(nanoseconds: kernel.now) }

    /// Suspends the calling task until the virtual clock reaches `deadline`. Must be called from
    /// a task on the kernel executor. Cancellation is checked when the sleep ends.
    public func sleep(until deadline: KernelInstant, tolerance: Swift.Duration? = nil) async throws {
        await kernel.sleep(until: deadline.nanoseconds)
        try Task.checkCancellation()
    }
}
