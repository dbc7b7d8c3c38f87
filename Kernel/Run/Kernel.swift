import Synchronization

/// The deterministic discrete-event kernel: one clock, one event queue, one executor.
///
/// Set-up (``spawn(_:_:)``, ``topic(named:)``, ``addInput(_:)``, ``addObserver(_:)``) happens on
/// one thread before ``run()``; the run happens on the thread that calls ``run()``, which becomes
/// the kernel thread. Everything but ``requestStop()`` and ``inbox`` is confined to it.
///
/// Order of a run (see docs/architecture.md):
/// 1. every component's `start()`, in registration order, at the start time;
/// 2. repeatedly, the smallest of {next event, next input}: an input stamped t is admitted once
///    every event with time ≤ t has been delivered; it gets the next sequence number, is shown
///    to the observers (the journal), then published to its topic;
/// 3. after each event, the executor's jobs are drained to quiescence;
/// 4. at the end (end time, event budget, exhaustion or a stop request), every component's
///    `stop()`, in registration order.
public final class EventKernel<Payload: KernelPayload>: @unchecked Sendable {
    public let configuration: KernelConfiguration
    public let executor = KernelExecutor()
    /// Live inputs and stop requests from other threads.
    public let inbox = Inbox<Payload>()

    @exclusivity(unchecked) var queue: EventQueue<Payload>
    @exclusivity(unchecked) var nextSequence: UInt64 = 0
    @exclusivity(unchecked) var timers = TimerTable()
    /// Owns the ports; `portHandles` holds the same objects unretained for the hot path.
    var ports: [ComponentPort<Payload>] = []
    @exclusivity(unchecked) var portHandles: ContiguousArray<Unmanaged<ComponentPort<Payload>>> = []
    var contexts: [KernelContext<Payload>] = []
    var actorIDsByName: [String: ActorID] = [:]
    var topicNames: [String] = []
    var topicIDsByName: [String: TopicID] = [:]
    @exclusivity(unchecked) var subscribers: [[ActorID]] = []
    @exclusivity(unchecked) var digest: RunDigest
    @exclusivity(unchecked) var inputs = InputMerger<Payload>()
    @exclusivity(unchecked) var observers: [any InputObserver<Payload>] = []
    /// The run's journal, if it records: held as its own type, not among ``observers``, so that
    /// the kernel specialized for its payload calls the recorder specialized too. Through the
    /// existential the recorder's generic code ran unspecialized, looking up generic metadata on
    /// every input (docs/performance.md, "Recording on one core").
    /// Set only by ``attachJournal(_:)``, with ``journalHandle``, and never cleared: the handle is
    /// valid while the kernel lives.
    @exclusivity(unchecked) private(set) var journal: JournalRecorder<Payload>?
    /// ``journal``, unretained: the kernel calls it through this on every input and decision
    /// (a call through the optional strong reference retained and released it each time).
    @exclusivity(unchecked) private(set) var journalHandle: Unmanaged<JournalRecorder<Payload>>?
    /// Whether an observer reads the event digest at each input: reading it hashes the buffered
    /// records and finalizes, a few percent of a pipeline run that nobody journals.
    @exclusivity(unchecked) var observersReadEventDigest = false
    /// ``KernelConfiguration/journalsAnnotations``, read on every publish.
    @exclusivity(unchecked) public internal(set) var journalsAnnotations = false
    /// Chaos injection, if any (see ``DeliveryInterceptor``).
    @exclusivity(unchecked) public var deliveryInterceptor: (any DeliveryInterceptor<Payload>)?
    /// The delivery observer, if any (see ``DeliveryObserver``).
    @exclusivity(unchecked) public var deliveryObserver: (any DeliveryObserver<Payload>)? {
        didSet { watchesDeliveries = deliveryObserver != nil || stageProbe != nil }
    }
    /// The stage probe, if any (see ``StageProbe``): measurement, separate from the observer slot.
    @exclusivity(unchecked) public var stageProbe: (any StageProbe<Payload>)? {
        didSet { watchesDeliveries = deliveryObserver != nil || stageProbe != nil }
    }
    /// Whether a delivery observer or a stage probe is set: one flag for every delivery to test
    /// instead of two existentials.
    @exclusivity(unchecked) internal(set) var watchesDeliveries = false
    var sleepers: [UnsafeContinuation<Void, Never>?] = []
    var freeSleeperSlots: [Int] = []
    let stopFlag = Atomic<Bool>(false)

    @exclusivity(unchecked) var deliveries: UInt64 = 0
    /// Deliveries queued beyond one per queue entry: a multicast entry for n subscribers adds
    /// n − 1, and each of its deliveries after the first takes one back. `pendingEvents` adds it
    /// to the queue's count, so it counts what separate events would have counted.
    @exclusivity(unchecked) var multicastBacklog = 0
    @exclusivity(unchecked) var inputsAdmitted: UInt64 = 0
    /// The trace id of the last admitted input, as the configuration's ``TraceIdentity`` names it:
    /// the tick behind whatever is handled now (an input at time t is admitted only after every
    /// event at or before t, so the events it causes at its own instant all see it), which
    /// ``KernelContext/traceID`` hands every decision taken until the next input.
    @exclusivity(unchecked) public internal(set) var lastInputTraceID: UInt64 = 0
    /// Copied from the configuration: read once per admitted input.
    let tracesByOrdinal: Bool
    @exclusivity(unchecked) var inputsClamped: UInt64 = 0
    /// The last `log((a + b) / 2)` a component asked for, for every component (``KernelContext/memoizedLogMean(_:_:)``).
    @exclusivity(unchecked) var logMeanMemo = LogMeanMemo()
    @exclusivity(unchecked) var timersFired: UInt64 = 0
    @exclusivity(unchecked) var timersCancelled: UInt64 = 0
    var firstSequenceMismatch: SequenceMismatch?
    var state: State = .setUp

    enum State { case setUp, running, finished }

    /// How many events the virtual run loop goes between two looks at the stop flag.
    static var stopCheckInterval: Int { 1024 }

    public init(configuration: KernelConfiguration) {
        self.configuration = configuration
        queue = EventQueue(startTime: configuration.startTime)
        digest = RunDigest(definition: configuration.digestDefinition)
        tracesByOrdinal = configuration.traceIdentity == .inputOrdinal
        journalsAnnotations = configuration.journalsAnnotations
    }

    /// The time of the event being handled (or of the last one).
    @inline(__always) public var now: Timestamp { queue.now }

    /// The clock handed to components: virtual in simulate and replay, live in live mode.
    public var clock: any KernelClock {
        configuration.mode == .live ? LiveClock(kernel: self) : VirtualClock(kernel: self)
    }

    /// The event digest so far. Kernel thread only, like everything else here: reading it hashes
    /// what the digest has buffered.
    public var currentEventDigest: UInt64 { digest.event }
    /// The decision digest so far.
    public var currentDecisionDigest: UInt64 { digest.decision }

    /// Events delivered so far.
    public var currentDeliveries: UInt64 { deliveries }

    /// Names of all registered components, by ``ActorID`` raw value.
    public var componentNames: [String] { ports.map(\.name) }

    // MARK: Set-up

    /// Registers a component. `make` receives the component's context and returns the actor, which
    /// `spawn` hands back (its id is `component.context.actorID`). Names must be unique: they seed
    /// the component's random stream and identify it in logs.
    ///
    /// Inlinable so that the handler closure is formed in the caller, where `C` is concrete: it
    /// then calls the component's `receive` directly instead of through the `Component` witness,
    /// one indirect branch fewer per delivery (and one whose target changes with every subscriber).
    @inlinable @discardableResult
    public func spawn<C: Component>(_ name: String, _ make: (KernelContext<Payload>) -> C) -> C where C.Payload == Payload {
        spawn(name, receiving: { component, delivery in component.receive(delivery.pointee) }, make)
    }

    /// ``spawn(_:_:)`` with the closure the kernel calls for each delivery, which must call the
    /// component's `receive(_:)`. For a generic component, formed where its type is concrete
    /// (`{ $0.receive($1) }`): this method calls `receive` through the `Component` witness, which
    /// for a generic actor is its unspecialized body.
    @discardableResult
    public func spawn<C: Component>(_ name: String, receiving receive: @escaping (isolated C, UnsafePointer<KernelDelivery<Payload>>) -> Void,
                                    _ make: (KernelContext<Payload>) -> C) -> C where C.Payload == Payload {
        precondition(state == .setUp, "components are registered before run()")
        precondition(actorIDsByName[name] == nil, "duplicate component name '\(name)'")
        precondition(ports.count < Int(ActorID.kernel.rawValue), "too many components")
        let id = ActorID(rawValue: UInt32(ports.count))
        let context = KernelContext(kernel: self, actorID: id, name: name, seed: configuration.seed)
        let component = make(context)
        precondition(component.context === context, "component '\(name)' must keep the context it was given")
        let port = ComponentPort(name: name, component: component, receiver: IsolatedReceiver(call: receive))
        ports.append(port)
        portHandles.append(Unmanaged.passUnretained(port))
        contexts.append(context)
        actorIDsByName[name] = id
        return component
    }

    /// The topic with this name, created on first use.
    public func topic(named name: String) -> TopicID {
        if let existing = topicIDsByName[name] { return existing }
        let id = TopicID(rawValue: UInt32(topicNames.count))
        topicNames.append(name)
        topicIDsByName[name] = id
        subscribers.append([])
        return id
    }

    /// The name of a topic.
    public func name(of topic: TopicID) -> String { topicNames[Int(topic.rawValue)] }

    /// All topic names, by ``TopicID`` raw value.
    public var allTopicNames: [String] { topicNames }

    public func actorID(named name: String) -> ActorID? { actorIDsByName[name] }

    /// The subscribers of a topic, in subscription order.
    public func subscribers(of topic: TopicID) -> [ActorID] { subscribers[Int(topic.rawValue)] }

    /// A component's name, `input` or `kernel`.
    public func name(of actor: ActorID) -> String {
        actor.isComponent && Int(actor.rawValue) < ports.count ? ports[Int(actor.rawValue)].name : actor.description
    }

    /// Appends only, never reorders or removes: a queued multicast reaches the first n subscribers
    /// of its topic, which must be those of its publish (see ``deliverMulticast(_:budget:stopCountdown:)``).
    func subscribe(_ actor: ActorID, to topic: TopicID) {
        var list = subscribers[Int(topic.rawValue)]
        precondition(!list.contains(actor), "\(actor) subscribed twice to \(name(of: topic))")
        list.append(actor)
        subscribers[Int(topic.rawValue)] = list
    }

    /// Adds an input source (simulate and replay). Sources are merged by time; on equal times,
    /// the source added first goes first.
    public func addInput(_ source: any InputSource<Payload>) throws {
        precondition(state == .setUp, "inputs are added before run()")
        try inputs.add(source)
    }

    /// Adds an observer that sees every input at admission.
    public func addObserver(_ observer: any InputObserver<Payload>) {
        observers.append(observer)
        observersReadEventDigest = observersReadEventDigest || observer.readsEventDigest
    }

    /// Attaches the run's journal (``JournalRecorder``): it sees every input, decision and
    /// annotation before the observers do.
    func attachJournal(_ recorder: JournalRecorder<Payload>) {
        precondition(journal == nil, "one journal per run")
        journal = recorder
        journalHandle = Unmanaged.passUnretained(recorder)
        observersReadEventDigest = true
    }

    /// Asks the run to stop after the current event. Thread-safe.
    public func requestStop() {
        stopFlag.store(true, ordering: .relaxed)
        inbox.requestStop()
    }
}
