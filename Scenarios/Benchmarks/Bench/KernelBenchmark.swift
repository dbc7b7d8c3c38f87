import Kernel
import Messages
import ScenarioRunning

/// `metronome bench kernel`: deliveries through a ring of no-op actors, and timer
/// schedule + fire cost with a steady population of armed timers.
public enum KernelBenchmark {
    public struct Settings: Sendable {
        public var ringSize = 64
        public var tokensInFlight = 64
        public var deliveries: UInt64 = 10_000_000
        public var timers: UInt64 = 2_000_000
        public var concurrentTimers = 1_000
        /// The tests pin the ring's digest under both definitions.
        public var digestDefinition = DigestDefinition.current

        public init() {}
    }

    public struct Result: Codable, Sendable {
        public var benchmark = "kernel"
        public var ring_size: Int
        public var tokens_in_flight: Int
        public var deliveries: UInt64
        public var wall_seconds: Double
        public var deliveries_per_second: Double
        public var ns_per_delivery: Double
        public var timers_fired: UInt64
        public var concurrent_timers: Int
        public var timer_wall_seconds: Double
        public var timers_per_second: Double
        public var ns_per_timer: Double
        public var digest: String
        public var build: String
    }

    public static func run(_ settings: Settings) throws -> Result {
        let ring = try measureRing(settings)
        let timers = try measureTimers(settings)
        let build = BuildIdentity.configuration
        return Result(
            ring_size: settings.ringSize, tokens_in_flight: settings.tokensInFlight, deliveries: ring.summary.deliveries,
            wall_seconds: ring.seconds, deliveries_per_second: (Double(ring.summary.deliveries) / ring.seconds).rounded(),
            ns_per_delivery: ring.seconds * 1e9 / Double(ring.summary.deliveries),
            timers_fired: timers.summary.timersFired, concurrent_timers: settings.concurrentTimers,
            timer_wall_seconds: timers.seconds, timers_per_second: (Double(timers.summary.timersFired) / timers.seconds).rounded(),
            ns_per_timer: timers.seconds * 1e9 / Double(max(timers.summary.timersFired, 1)),
            digest: ring.summary.digestHex, build: build)
    }

    /// A ring of `ringSize` no-op actors with `tokensInFlight` pings circulating.
    public static func measureRing(_ settings: Settings) throws -> (summary: RunSummary, seconds: Double) {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, maximumDeliveries: settings.deliveries,
                                                               digestDefinition: settings.digestDefinition))
        let size = settings.ringSize
        for index in 0..<size {
            let successor = ActorID(rawValue: UInt32((index + 1) % size))
            kernel.spawn("ring.\(index)") { RingNode(context: $0, successor: successor, tokensToInject: index == 0 ? settings.tokensInFlight : 0) }
        }
        return try timed(kernel)
    }

    public static func measureTimers(_ settings: Settings) throws -> (summary: RunSummary, seconds: Double) {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, maximumDeliveries: settings.timers))
        kernel.spawn("timers") { TimerChurn(context: $0, concurrentTimers: settings.concurrentTimers) }
        return try timed(kernel)
    }

    /// Runs a kernel on this thread and times it (wall clock, at least 1 ns).
    static func timed(_ kernel: Kernel) throws -> (summary: RunSummary, seconds: Double) {
        let clock = ContinuousClock()
        let started = clock.now
        let summary = try kernel.run()
        let elapsed = clock.now - started
        return (summary, max(Double(KernelInstant.nanoseconds(of: elapsed)) / 1e9, 1e-9))
    }
}
