import Kernel
import Messages
import Testing

@Suite struct ClockTests {
    final class Wakeups: @unchecked Sendable { var times: [Timestamp] = [] }

    /// A task on the kernel executor sleeps on the injected clock: it wakes in virtual time,
    /// exactly at its deadline, without any wall-clock wait.
    actor Sleeper: Component {
        nonisolated let context: Context
        nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
        let wakeups: Wakeups

        init(context: Context, wakeups: Wakeups) {
            self.context = context
            self.wakeups = wakeups
        }

        func start() {
            let clock = context.clock
            let wakeups = wakeups
            Task(executorPreference: context.executor) {
                for step in 1...3 {
                    try await clock.sleep(until: clock.now.advanced(by: .seconds(step)), tolerance: nil)
                    wakeups.times.append(clock.now.nanoseconds)
                }
            }
        }

        func receive(_ delivery: Delivery) {}
    }

    @Test func virtualSleepWakesAtTheDeadline() throws {
        let wakeups = Wakeups()
        let start: Timestamp = 1_000_000_000_000
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: start))
        kernel.spawn("sleeper") { Sleeper(context: $0, wakeups: wakeups) }
        #expect(kernel.clock.isVirtual)
        let summary = try kernel.run()
        #expect(wakeups.times == [start + 1_000_000_000, start + 3_000_000_000, start + 6_000_000_000])
        #expect(summary.deliveries == 3, "each wake-up is a kernel event")
        #expect(summary.jobsRun >= 4)
    }

    @Test func instantArithmetic() {
        let instant = KernelInstant(nanoseconds: 5_000)
        #expect(instant.advanced(by: .microseconds(2)).nanoseconds == 7_000)
        #expect(instant.advanced(by: .nanoseconds(-9_000)).nanoseconds == 0)
        #expect(instant.duration(to: KernelInstant(nanoseconds: 4_000)) == .nanoseconds(-1_000))
    }
}
