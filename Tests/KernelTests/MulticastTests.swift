import Kernel
import Testing

/// A publish to several subscribers is queued once (a multicast) but must deliver exactly as
/// one event per subscriber did: the same sequence numbers, order, digests and stops.
@Suite struct MulticastTests {
    /// Spawns three subscribers of `topic` ("first", "second", "third") that log what they get.
    private static func spawnSubscribers(_ kernel: Kernel, _ topic: TopicID, _ log: DeliveryLog,
                                         onReceive: @escaping @Sendable (Context, Delivery) -> Void = { _, _ in }) {
        for name in ["first", "second", "third"] {
            kernel.spawn(name) { ScriptedActor(context: $0, log: log, onStart: { $0.subscribe(topic) }, onReceive: onReceive) }
        }
    }

    /// Each subscriber gets the sequence number its own event would have had, and what a
    /// subscriber emits while handling its delivery comes after the remaining subscribers.
    @Test func subscribersKeepTheirSequenceNumbersAndWhatTheyEmitComesAfter() throws {
        let log = DeliveryLog()
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        let topic = kernel.topic(named: "t")
        let echo = kernel.topic(named: "echo")
        Self.spawnSubscribers(kernel, topic, log) { context, delivery in
            if delivery.message.pingValue == 1 { context.publish(echo, .ping(Ping(value: 10 + delivery.sequence))) }
        }
        kernel.spawn("listener") { ScriptedActor(context: $0, log: log, onStart: { $0.subscribe(echo) }) }
        kernel.spawn("publisher") {
            ScriptedActor(context: $0, log: log, onStart: { context in
                context.publish(topic, .ping(Ping(value: 1)))
                context.send(to: context.actorID, .ping(Ping(value: 2)))
            })
        }
        let summary = try kernel.run()
        #expect(log.entries.map(\.actor) == ["first", "second", "third", "publisher", "listener", "listener", "listener"])
        #expect(log.entries.map(\.sequence) == [0, 1, 2, 3, 4, 5, 6])
        #expect(log.entries.compactMap(\.message.pingValue) == [1, 1, 1, 2, 10, 11, 12])
        #expect(summary.deliveries == 7)
    }

    /// A subscription made after a publish does not receive it; the next publish reaches it.
    @Test func aLaterSubscriberMissesAPublishAlreadyQueued() throws {
        let log = DeliveryLog()
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        let topic = kernel.topic(named: "t")
        Self.spawnSubscribers(kernel, topic, log)
        kernel.spawn("late") {
            ScriptedActor(context: $0, log: log, onStart: { $0.schedule(after: 5) },
                          onReceive: { context, delivery in if delivery.message.timerTag != nil { context.subscribe(topic) } })
        }
        kernel.spawn("publisher") {
            ScriptedActor(context: $0, log: log, onStart: { context in
                context.publish(topic, .ping(Ping(value: 1)), after: 10)
                context.schedule(after: 20)
            }, onReceive: { context, delivery in
                if delivery.message.timerTag != nil { context.publish(topic, .ping(Ping(value: 2))) }
            })
        }
        _ = try kernel.run()
        let pings = log.entries.filter { $0.message.pingValue != nil }.map { "\($0.actor)\($0.message.pingValue!)" }
        #expect(pings == ["first1", "second1", "third1", "first2", "second2", "third2", "late2"])
    }

    /// An event budget reached in the middle of a multicast stops the run there.
    @Test func theEventBudgetStopsInsideAMulticast() throws {
        let log = DeliveryLog()
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, maximumDeliveries: 2))
        let topic = kernel.topic(named: "t")
        Self.spawnSubscribers(kernel, topic, log)
        kernel.spawn("publisher") { ScriptedActor(context: $0, log: log, onStart: { $0.publish(topic, .ping(Ping(value: 1))) }) }
        let summary = try kernel.run()
        #expect(summary.stopReason == .eventBudget)
        #expect(summary.deliveries == 2)
        #expect(log.entries.map(\.actor) == ["first", "second"])
    }

    /// The interceptor decides per delivery: a change reaches only that subscriber, a drop skips
    /// only it, a delay reschedules only it (with a new sequence number).
    @Test func theInterceptorActsOnOneDeliveryAtATime() throws {
        let log = DeliveryLog()
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        let topic = kernel.topic(named: "t")
        Self.spawnSubscribers(kernel, topic, log)
        let fourth = kernel.spawn("fourth") { ScriptedActor(context: $0, log: log, onStart: { $0.subscribe(topic) }) }
        kernel.spawn("publisher") { ScriptedActor(context: $0, log: log, onStart: { $0.publish(topic, .ping(Ping(value: 1))) }) }
        let first = try #require(kernel.actorID(named: "first")), second = try #require(kernel.actorID(named: "second"))
        kernel.deliveryInterceptor = ScriptedInterceptor { _, sequence, target, message in
            switch target {
            case first where sequence == 0: return .delay(7)
            case second:
                message = .ping(Ping(value: 99))
                return .deliver
            case fourth: return .drop
            default: return .deliver
            }
        }
        _ = try kernel.run()
        #expect(log.entries.map { "\($0.actor)\($0.message.pingValue!)@\($0.time)#\($0.sequence)" }
                == ["second99@0#1", "third1@0#2", "first1@7#4"])
    }

    /// `pendingEvents` counts every delivery still to make, as separate events did.
    @Test func pendingEventsCountEachDelivery() throws {
        let log = DeliveryLog()
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        let topic = kernel.topic(named: "t")
        let pending = ValueLog()
        Self.spawnSubscribers(kernel, topic, log) { _, _ in pending.values.append(kernel.pendingEvents) }
        kernel.spawn("publisher") {
            ScriptedActor(context: $0, log: log, onStart: { context in
                context.publish(topic, .ping(Ping(value: 1)))
                context.publish(topic, .ping(Ping(value: 2)), after: 10)
            })
        }
        _ = try kernel.run()
        #expect(pending.values == [5, 4, 3, 2, 1, 0])
    }

    /// The shared record hashes the same bytes as a delivery's own record.
    @Test func aSharedDeliveryRecordHashesLikeItsOwn() {
        let message = Message.quote(Quote(symbol: 3, bidPrice: 1_000, askPrice: 1_002, bidSize: 5, askSize: 7,
                                          exchangeTime: 40))
        var separate = RunDigest()
        var shared = RunDigest()
        shared.prepareSharedDelivery(time: 42, source: .input, message: message)
        for (sequence, target) in [(UInt64(9), UInt32(0)), (10, 4), (11, 17)] {
            separate.recordDelivery(time: 42, sequence: sequence, source: .input, target: ActorID(rawValue: target), message: message)
            shared.recordSharedDelivery(sequence: sequence, target: ActorID(rawValue: target))
            #expect(shared.event == separate.event)
        }
    }
}
