import Logging

/// Everything a component may use to act on the world — and nothing else.
///
/// Each component gets its own context: its identity, the kernel's current time, publish /
/// subscribe, point-to-point send, timers, its own seeded random stream, a deterministic ID
/// generator and a logger. A context is confined to the kernel thread (components only touch it
/// from their handlers); it is `Sendable` so that actors can hold it, not so it can be shared.
public final class KernelContext<Payload: KernelPayload>: @unchecked Sendable {
    public let actorID: ActorID
    public let name: String
    /// This component's random stream: `RandomStream(rootSeed: seed, streamName: name)`.
    public var random: RandomStream
    /// This component's identifiers.
    public var ids: IDGenerator
    /// Structured logging: records carry the simulated time and the component name, and never
    /// influence the run (they are not journaled or hashed).
    public let logger: Logger
    /// The kernel, unretained (it owns the contexts). The hot calls (time, send, publish, timers)
    /// go through `_withUnsafeGuaranteedRef`: calling through an `unowned(unsafe)` reference still
    /// retained and released it around each call (the cost is in docs/performance.md).
    let kernelHandle: Unmanaged<EventKernel<Payload>>
    var kernel: EventKernel<Payload> { kernelHandle.takeUnretainedValue() }

    init(kernel: EventKernel<Payload>, actorID: ActorID, name: String, seed: UInt64) {
        kernelHandle = Unmanaged.passUnretained(kernel)
        self.actorID = actorID
        self.name = name
        random = RandomStream(rootSeed: seed, streamName: name)
        ids = IDGenerator(owner: actorID)
        logger = Logger(label: name) { label in ComponentDiagnosticsHandler(label: label, kernel: kernel) }
    }

    // MARK: Time

    /// The current time: the time of the event being handled.
    @inline(__always) public var now: Timestamp { kernelHandle._withUnsafeGuaranteedRef { $0.now } }

    /// The input (tick) behind what is being handled, named as ``TraceIdentity`` says (its ordinal
    /// among the run's inputs, in new runs): the trace id that links a decision back to the market
    /// event that caused it (see `metronome log cat --trace`).
    @inline(__always) public var traceID: UInt64 { kernelHandle._withUnsafeGuaranteedRef { $0.lastInputTraceID } }

    /// `log((first + second) / 2)`, bit for bit, from a memo the kernel's components share: the
    /// subscribers of one message ask one after another, so only the first computes it
    /// (``LogMeanMemo``).
    @inline(__always) public func memoizedLogMean(_ first: Int64, _ second: Int64) -> Double {
        kernelHandle._withUnsafeGuaranteedRef { $0.logMeanMemo.logMean(first, second) }
    }

    /// The run's clock, for code written against Swift's `Clock` (`sleep(until:)` is a kernel
    /// timer in both the virtual and the live clock).
    public var clock: any KernelClock { kernel.clock }

    /// The kernel's executor, for `unownedExecutor`.
    public var unownedExecutor: UnownedSerialExecutor { kernel.executor.asUnownedSerialExecutor() }

    /// The kernel's executor, for `Task(executorPreference:)`.
    public var executor: KernelExecutor { kernel.executor }

    // MARK: Topics

    /// The topic with this name (created on first use). Resolve topics in `init` or `start`, not
    /// per event: this is a dictionary lookup.
    public func topic(_ name: String) -> TopicID { kernel.topic(named: name) }

    /// Subscribes this component; subscribers receive a topic's messages in subscription order.
    public func subscribe(_ topic: TopicID) { kernel.subscribe(actorID, to: topic) }

    /// Delivers `message` to every subscriber of `topic`, `delay` nanoseconds from now
    /// (0 = at the current time, after the events already due now).
    /// - Complexity: O(subscribers).
    @inline(__always)
    public func publish(_ topic: TopicID, _ message: Payload, after delay: DurationNanoseconds = 0) {
        kernelHandle._withUnsafeGuaranteedRef { $0.publish(from: actorID, to: topic, message, delay: delay) }
    }

    /// Whether the run journals annotations (``KernelConfiguration/journalsAnnotations``): an
    /// agent builds what it hands to ``journal(_:)`` only then.
    @inline(__always) public var journalsAnnotations: Bool { kernelHandle._withUnsafeGuaranteedRef { $0.journalsAnnotations } }

    /// Hands an annotation (``KernelPayload/isAnnotation``) to the journal, stamped
    /// now, without delivering it: nothing else sees it, no digest changes. Does nothing unless
    /// the run journals annotations.
    public func journal(_ message: Payload) {
        precondition(message.isAnnotation, "only annotations are journaled without delivery")
        kernelHandle._withUnsafeGuaranteedRef { kernel in
            guard kernel.journalsAnnotations else { return }
            kernel.emitAnnotation(time: kernel.now, source: actorID, message: message)
        }
    }

    /// Delivers `message` to one component.
    @inline(__always)
    public func send(to target: ActorID, _ message: Payload, after delay: DurationNanoseconds = 0) {
        kernelHandle._withUnsafeGuaranteedRef { $0.send(from: actorID, to: target, message, delay: delay) }
    }

    /// The component registered under `name`, if any (a set-up time lookup).
    public func actor(named name: String) -> ActorID? { kernel.actorID(named: name) }

    // MARK: Timers

    /// Fires a ``TimerFired`` with `tag` at this component after `delay` nanoseconds.
    @discardableResult
    public func schedule(after delay: DurationNanoseconds, tag: UInt64 = 0) -> TimerHandle {
        kernelHandle._withUnsafeGuaranteedRef { $0.scheduleTimer(for: actorID, at: $0.now &+ delay, tag: tag) }
    }

    /// Fires a ``TimerFired`` with `tag` at this component at `time` (a time already past fires now).
    @discardableResult
    public func schedule(at time: Timestamp, tag: UInt64 = 0) -> TimerHandle {
        kernelHandle._withUnsafeGuaranteedRef { $0.scheduleTimer(for: actorID, at: max(time, $0.now), tag: tag) }
    }

    /// Cancels a timer. Returns false if it had already fired or been cancelled.
    @discardableResult
    public func cancel(_ timer: TimerHandle) -> Bool { kernelHandle._withUnsafeGuaranteedRef { $0.cancelTimer(timer) } }
}
