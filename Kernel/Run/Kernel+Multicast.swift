extension EventKernel {
    /// Schedules one publish to `count` ≥ 2 subscribers as a single queue entry.
    ///
    /// It reserves the `count` sequence numbers the `count` separate events would have taken —
    /// one per subscriber, in subscription order — and pushes one entry keyed by the first. The
    /// delivery order cannot change: events are ordered by `(time, sequence)`, the counter only
    /// grows, so no other event can take a number inside the range, and anything scheduled while
    /// a subscriber handles its delivery gets a larger number than the whole range — it comes
    /// after the remaining subscribers, as it did when each had its own event.
    /// - Complexity: O(1) for a publish due now, O(log n) otherwise, whatever `count`.
    @inline(__always)
    func scheduleMulticast(at time: Timestamp, source: ActorID, topic: TopicID, count: Int, message: Payload) {
        let first = nextSequence
        nextSequence &+= UInt64(count)
        queue.push(KernelScheduledEvent(multicastAt: EventKey(time: time, sequence: first), source: source, topic: topic,
                                  count: UInt32(count), message: message))
        // The entry counts once in the queue; `pendingEvents` still counts every delivery.
        multicastBacklog &+= count &- 1
    }

    /// Delivers a multicast entry's subscribers one after another, sequence numbers
    /// `first ..< first + count`: exactly the deliveries the separate events would have made, in
    /// the same order, each one intercepted, hashed, observed, counted and drained on its own.
    ///
    /// Between two subscribers it makes the checks the run loop makes before each event (the
    /// event budget; in the virtual modes the stop flag, on the same countdown), so a run stops
    /// at the same delivery as before. Returns the reason when it stops before the last one.
    ///
    /// The first `count` subscribers of the topic are those of the publish: a list only grows
    /// (``subscribe(_:to:)`` appends), so a subscription made since is simply not reached.
    /// - Complexity: O(count) plus the handlers; the payload is encoded for the digest once.
    @inline(__always)
    func deliverMulticast(_ entry: KernelScheduledEvent<Payload>, budget: UInt64, stopCountdown: inout Int) -> StopReason? {
        let count = Int(entry.multicastCount)
        let time = entry.key.time
        let first = entry.key.sequence
        // Each subscriber is read in place, by index: subscriptions only append, so a handler that
        // subscribes leaves the first `count` as they were, and reading in place takes no
        // reference to the list (a local copy of it was a retain and a release per multicast).
        let topic = Int(entry.target.rawValue)
        assert(count >= 2 && count <= subscribers[topic].count, "a multicast reaches the first subscribers of its publish")
        var sharedRecordReady = false
        for index in 0..<count {
            if index > 0 {
                if deliveries >= budget { return .eventBudget }
                stopCountdown &-= 1
                if stopCountdown < 0 {
                    stopCountdown = EventKernel<Payload>.stopCheckInterval
                    if stopFlag.load(ordering: .relaxed) { return .stopRequested }
                }
                // This subscriber's delivery leaves the backlog as its own event left the queue.
                multicastBacklog &-= 1
            }
            let sequence = first &+ UInt64(index)
            let target = subscribers[topic][index]
            if deliveryInterceptor != nil {
                // Intercepted like any single event, on its own copy: the interceptor may change
                // this delivery's message, and the next subscribers still get it as published.
                deliverTimerOrIntercepted(KernelScheduledEvent(key: EventKey(time: time, sequence: sequence), source: entry.source,
                                                         target: target, message: entry.message))
                continue
            }
            if !sharedRecordReady {
                digest.prepareSharedDelivery(time: time, source: entry.source, message: entry.message)
                sharedRecordReady = true
            }
            digest.recordSharedDelivery(sequence: sequence, target: target)
            // No copy of the message per subscriber: the handler's delivery is the only one made.
            handOver(time: time, sequence: sequence, source: entry.source, target: target, message: entry.message,
                     event: KernelScheduledEvent(key: EventKey(time: time, sequence: sequence), source: entry.source, target: target,
                                           message: entry.message))
        }
        return nil
    }
}
