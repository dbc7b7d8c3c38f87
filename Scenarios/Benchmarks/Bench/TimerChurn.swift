import Kernel
import Messages

/// Keeps `concurrentTimers` timers armed at pseudo-random delays: each firing schedules the
/// next one, so the heap holds a steady population while timers are scheduled and fired.
public actor TimerChurn: Component {
    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
    private let concurrentTimers: Int

    public init(context: Context, concurrentTimers: Int) {
        self.context = context
        self.concurrentTimers = concurrentTimers
    }

    public func start() {
        for index in 0..<concurrentTimers { context.schedule(after: nextDelay(), tag: UInt64(index)) }
    }

    public func receive(_ delivery: Delivery) {
        guard case .timer(let fired) = delivery.message else { return }
        context.schedule(after: nextDelay(), tag: fired.tag)
    }

    /// 1 µs … 1 ms.
    private func nextDelay() -> DurationNanoseconds { 1_000 + context.random.next(below: 999_000) }
}
