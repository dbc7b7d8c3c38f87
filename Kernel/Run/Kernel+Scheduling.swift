extension EventKernel {
    /// Takes the next sequence number.
    @inline(__always)
    func takeSequence() -> UInt64 {
        defer { nextSequence &+= 1 }
        return nextSequence
    }

    @inline(__always)
    func schedule(at time: Timestamp, source: ActorID, target: ActorID, timer: TimerHandle? = nil, message: Payload) {
        let event = KernelScheduledEvent(key: EventKey(time: time, sequence: takeSequence()), source: source,
                                   target: target, timer: timer, message: message)
        queue.push(event)
    }

    @inline(__always)
    func publish(from source: ActorID, to topic: TopicID, _ message: Payload, delay: DurationNanoseconds) {
        let time = queue.now &+ delay
        if message.isDecision { emitDecision(time: time, source: source, message: message) }
        if journalsAnnotations && message.isAnnotation { emitAnnotation(time: time, source: source, message: message) }
        if let probe = stageProbe { probe.kernel(self, emitted: message, from: source, at: time) }
        // Read in place: a copy of the topic's list would be a retain and a release per publish.
        let count = subscribers[Int(topic.rawValue)].count
        if count > 1 {
            scheduleMulticast(at: time, source: source, topic: topic, count: count, message: message)
        } else if count == 1 {
            schedule(at: time, source: source, target: subscribers[Int(topic.rawValue)][0], message: message)
        }
    }

    @inline(__always)
    func send(from source: ActorID, to target: ActorID, _ message: Payload, delay: DurationNanoseconds) {
        // `portHandles`, not `ports`: its count is read without an exclusivity check on every send.
        precondition(Int(target.rawValue) < portHandles.count, "send to unknown \(target)")
        let time = queue.now &+ delay
        if message.isDecision { emitDecision(time: time, source: source, message: message) }
        if journalsAnnotations && message.isAnnotation { emitAnnotation(time: time, source: source, message: message) }
        if let probe = stageProbe { probe.kernel(self, emitted: message, from: source, at: time) }
        schedule(at: time, source: source, target: target, message: message)
    }

    /// Hashes a decision and shows it to the observers. Decisions arriving as inputs are already
    /// journaled as inputs; they are hashed but not shown again.
    @inline(never)
    func emitDecision(time: Timestamp, source: ActorID, message: Payload) {
        digest.recordDecision(time: time, source: source, message: message)
        guard source != .input, journal != nil || !observers.isEmpty else { return }
        let decision = KernelRecordedDecision(time: time, source: source, message: message)
        journalHandle?._withUnsafeGuaranteedRef { $0.kernel(self, emitted: decision) }
        for observer in observers { observer.kernel(self, emitted: decision) }
    }

    /// Shows an annotation to the observers (the journal): no digest, no event. Annotations
    /// arriving as inputs are journaled as inputs already.
    @inline(never)
    func emitAnnotation(time: Timestamp, source: ActorID, message: Payload) {
        guard source != .input, journal != nil || !observers.isEmpty else { return }
        let annotation = KernelRecordedDecision(time: time, source: source, message: message)
        journalHandle?._withUnsafeGuaranteedRef { $0.kernel(self, emittedAnnotation: annotation) }
        for observer in observers { observer.kernel(self, emittedAnnotation: annotation) }
    }

    func scheduleTimer(for actor: ActorID, at time: Timestamp, tag: UInt64) -> TimerHandle {
        let handle = timers.arm()
        schedule(at: time, source: actor, target: actor, timer: handle, message: .timer(TimerFired(tag: tag)))
        return handle
    }

    func cancelTimer(_ handle: TimerHandle) -> Bool { timers.cancel(handle) }

    /// Suspends the calling task until the kernel's time reaches `time`; the wake-up is an event
    /// addressed to the kernel, so it takes its place in the total order like any timer.
    func sleep(until time: Timestamp) async {
        precondition(executor.isOnKernelThread, "Clock.sleep must be called from a task on the kernel executor")
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            let slot: Int
            if let reused = freeSleeperSlots.popLast() {
                slot = reused
                sleepers[slot] = continuation
            } else {
                slot = sleepers.count
                sleepers.append(continuation)
            }
            schedule(at: max(time, queue.now), source: .kernel, target: .kernel, message: .timer(TimerFired(tag: UInt64(slot))))
        }
    }

    /// Delivers one event (not a multicast entry): digest, handler, then the executor's jobs to
    /// quiescence. The common event — no timer, no interceptor — is hashed and handed over
    /// straight from `incoming`: every copy of a 104-byte event costs on each of millions of
    /// deliveries.
    @inline(__always)
    func deliver(_ incoming: KernelScheduledEvent<Payload>) {
        assert(!incoming.isMulticast, "a multicast entry goes through deliverMulticast")
        if incoming.timer != nil || (deliveryInterceptor != nil && incoming.target != .kernel) {
            deliverTimerOrIntercepted(incoming)
            return
        }
        hashAndHandOver(incoming)
    }

    /// Hashes one event and hands it over, reading its parts in place.
    @inline(__always)
    func hashAndHandOver(_ event: KernelScheduledEvent<Payload>) {
        digest.recordDelivery(time: event.key.time, sequence: event.key.sequence, source: event.source,
                              target: event.target, message: event.message)
        handOver(time: event.key.time, sequence: event.key.sequence, source: event.source, target: event.target,
                 message: event.message, event: event)
    }

    /// A timer (fired unless cancelled) or an event the interceptor sees first (a single event's,
    /// or one subscriber's delivery of a multicast).
    @inline(never)
    func deliverTimerOrIntercepted(_ incoming: KernelScheduledEvent<Payload>) {
        var event = incoming
        if let timer = event.timer {
            guard timers.fire(timer) else {
                timersCancelled &+= 1
                return
            }
            timersFired &+= 1
        } else if let interceptor = deliveryInterceptor, event.target != .kernel {
            switch interceptor.intercept(self, time: event.key.time, sequence: event.key.sequence, source: event.source,
                                         target: event.target, message: &event.message) {
            case .deliver: break
            case .drop: return
            case .delay(let nanoseconds):
                schedule(at: event.key.time &+ nanoseconds, source: event.source, target: event.target, message: event.message)
                return
            }
        }
        hashAndHandOver(event)
    }

    /// The rest of a delivery once it is hashed (a single event's or one of a multicast's):
    /// observer, count, handler, then the executor's jobs to quiescence. `event` is the same
    /// delivery as one value, made only if an observer, a probe or the kernel itself needs it: a
    /// multicast passes its parts and never builds one per subscriber otherwise.
    @inline(__always)
    func handOver(time: Timestamp, sequence: UInt64, source: ActorID, target: ActorID, message: Payload,
                  event: @autoclosure () -> KernelScheduledEvent<Payload>) {
        if watchesDeliveries || target == .kernel {
            handOverWatched(event())
            return
        }
        deliveries &+= 1
        callHandler(of: target, time: time, sequence: sequence, source: source, message: message)
        drainJobs()
    }

    /// The target's handler, through its unretained port handle (`ports` keeps every port alive
    /// for the kernel's lifetime).
    @inline(__always)
    func callHandler(of target: ActorID, time: Timestamp, sequence: UInt64, source: ActorID, message: Payload) {
        portHandles[Int(target.rawValue)]._withUnsafeGuaranteedRef {
            $0.deliver(time: time, sequence: sequence, source: source, message: message)
        }
    }

    /// The jobs the handler started (tasks on the kernel executor), to quiescence.
    @inline(__always)
    func drainJobs() {
        if executor.pendingJobs > 0 { executor.drain(limit: configuration.maximumJobsPerEvent) }
    }

    /// ``handOver(time:sequence:source:target:message:event:)`` with an observer, a probe, or for
    /// the kernel's own wake-ups.
    @inline(never)
    func handOverWatched(_ event: KernelScheduledEvent<Payload>) {
        if let observer = deliveryObserver { observer.kernel(self, delivering: event, index: deliveries) }
        deliveries &+= 1
        if event.target == .kernel {
            wakeSleeper(event.message)
        } else if let probe = stageProbe {
            deliverMeasured(event, probe: probe)
            return
        } else {
            callHandler(of: event.target, time: event.key.time, sequence: event.key.sequence, source: event.source, message: event.message)
        }
        drainJobs()
    }

    /// A delivery with a stage probe set: the same handler call and drain, timed on the monotonic
    /// clock. Out of line so that the unmeasured path stays as small as it was.
    @inline(never)
    func deliverMeasured(_ event: KernelScheduledEvent<Payload>, probe: any StageProbe<Payload>) {
        probe.kernel(self, willDeliver: event)
        let started = MonotonicClock.nanoseconds()
        callHandler(of: event.target, time: event.key.time, sequence: event.key.sequence, source: event.source, message: event.message)
        drainJobs()
        let elapsed = MonotonicClock.nanoseconds() &- started
        probe.kernel(self, delivered: event, handlerNanoseconds: elapsed)
    }

    func wakeSleeper(_ message: Payload) {
        guard let fired = message.firedTimer else { preconditionFailure("kernel event must be a wake-up") }
        let slot = Int(fired.tag)
        guard let continuation = sleepers[slot] else { preconditionFailure("wake-up for an empty sleeper slot") }
        sleepers[slot] = nil
        freeSleeperSlots.append(slot)
        continuation.resume()
    }

    /// Admits one input at `time` (≥ now): sequence number, observers, then its topic.
    func admit(_ record: KernelInputRecord<Payload>, at time: Timestamp) {
        if time > queue.now { queue.advance(to: time) }
        let sequence = takeSequence()
        if let recorded = record.recordedSequence, recorded != sequence, firstSequenceMismatch == nil {
            firstSequenceMismatch = SequenceMismatch(inputIndex: inputsAdmitted, time: time, recorded: recorded, actual: sequence)
        }
        let traceID = tracesByOrdinal ? inputsAdmitted &+ 1 : sequence
        let admitted = KernelAdmittedInput(time: time, sequence: sequence, topic: record.topic, message: record.message,
                                     deliveriesBefore: deliveries, eventDigestBefore: observersReadEventDigest ? digest.event : 0,
                                     traceID: traceID)
        journalHandle?._withUnsafeGuaranteedRef { $0.kernel(self, admitted: admitted) }
        for index in observers.indices { observers[index].kernel(self, admitted: admitted) }
        inputsAdmitted &+= 1
        lastInputTraceID = traceID
        publish(from: .input, to: record.topic, record.message, delay: 0)
    }

    // MARK: Chaos injection (kernel thread only)

    /// Schedules a message as if `source` had sent it to `target` at `time` (≥ now); returns its
    /// sequence number. For chaos faults that impersonate a component (a venue reject).
    @discardableResult
    public func inject(at time: Timestamp, source: ActorID, target: ActorID, message: Payload) -> UInt64 {
        precondition(time >= queue.now, "an injected event cannot be in the past")
        let sequence = nextSequence
        schedule(at: time, source: source, target: target, message: message)
        return sequence
    }

    /// Publishes as `source` would (decisions are journaled and digested as theirs).
    public func injectPublish(from source: ActorID, to topic: TopicID, _ message: Payload, delay: DurationNanoseconds = 0) {
        publish(from: source, to: topic, message, delay: delay)
    }

    /// Events waiting in the queue (chaos checks that queues stay bounded).
    /// A multicast counts once per delivery still to make, as its separate events did.
    public var pendingEvents: Int { queue.count + multicastBacklog }
}

