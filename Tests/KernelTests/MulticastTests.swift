import Kernel
import Messages
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
        let fourth = kernel.spawn("fourth") { ScriptedActor(context: $0, log: log, onStart: { $0.subscribe(topic) }) }.context.actorID
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
        let pending = RecordedValues()
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

    /// One run in which a publisher reaches three subscribers either by one publish (a multicast)
    /// or by three sends in subscriber order — which take the same sequence numbers and so must
    /// hash the same records. The first subscriber emits a decision while handling its delivery
    /// (the decision digest's record is written between two shared delivery records).
    private static func fanOutRun(multicast: Bool, maximumDeliveries: UInt64?,
                                  interceptor: (@Sendable (ActorID, UInt64, ActorID, inout Message) -> InterceptAction)? = nil)
        throws -> RunSummary {
        let log = DeliveryLog()
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, maximumDeliveries: maximumDeliveries))
        let topic = kernel.topic(named: "t")
        let orders = kernel.topic(named: "orders")
        let subscribe: @Sendable (Context) -> Void = { context in if multicast { context.subscribe(topic) } }
        for name in ["first", "second", "third"] {
            kernel.spawn(name) {
                ScriptedActor(context: $0, log: log, onStart: subscribe, onReceive: { context, delivery in
                    guard name == "first", delivery.message.pingValue == 1 else { return }
                    context.publish(orders, .order(Order(orderID: 7, symbol: 0, side: .buy, quantity: 3, limitPrice: 0, traceID: 1)))
                })
            }
        }
        let targets = try ["first", "second", "third"].map { try #require(kernel.actorID(named: $0)) }
        kernel.spawn("publisher") {
            ScriptedActor(context: $0, log: log, onStart: { context in
                for value: UInt64 in [1, 2] {
                    if multicast {
                        context.publish(topic, .ping(Ping(value: value)), after: value)
                    } else {
                        for target in targets { context.send(to: target, .ping(Ping(value: value)), after: value) }
                    }
                }
            })
        }
        if let interceptor {
            kernel.deliveryInterceptor = ScriptedInterceptor { kernel, sequence, target, message in
                interceptor(target, sequence, targets[0], &message)
            }
        }
        return try kernel.run()
    }

    /// The multicast and the separate events are the same run: same deliveries, same event and
    /// decision digests — with a decision emitted mid-multicast, with the interceptor changing
    /// and dropping single deliveries, and cut by every event budget from 1 to 7.
    @Test func aMulticastIsTheSameRunAsOneEventPerSubscriber() throws {
        for budget: UInt64? in [nil, 1, 2, 3, 4, 5, 6, 7] {
            let separate = try Self.fanOutRun(multicast: false, maximumDeliveries: budget)
            let multicast = try Self.fanOutRun(multicast: true, maximumDeliveries: budget)
            #expect(multicast.deliveries == separate.deliveries, "budget \(String(describing: budget))")
            #expect(multicast.digest == separate.digest, "budget \(String(describing: budget))")
            #expect(multicast.decisionDigest == separate.decisionDigest, "budget \(String(describing: budget))")
            #expect(multicast.stopReason == separate.stopReason, "budget \(String(describing: budget))")
        }
        let alter: @Sendable (ActorID, UInt64, ActorID, inout Message) -> InterceptAction = { target, sequence, first, message in
            if target == first && message.pingValue == 2 { return .drop }
            if target != first && message.pingValue == 1 { message = .ping(Ping(value: 50 + sequence)) }
            return .deliver
        }
        let separate = try Self.fanOutRun(multicast: false, maximumDeliveries: nil, interceptor: alter)
        let multicast = try Self.fanOutRun(multicast: true, maximumDeliveries: nil, interceptor: alter)
        #expect(separate.deliveries == 5)
        #expect(multicast.deliveries == separate.deliveries)
        #expect(multicast.digest == separate.digest)
        #expect(multicast.decisionDigest == separate.decisionDigest)
        // Sanity: the variants really differ from each other, so equal digests mean something.
        #expect(separate.digest != (try Self.fanOutRun(multicast: false, maximumDeliveries: nil)).digest)
    }

    /// The shared record hashes the same bytes as a delivery's own record.
    @Test func aSharedDeliveryRecordHashesLikeItsOwn() {
        let message = Message.quote(Quote(symbol: 3, bidPrice: 1_000, askPrice: 1_002, bidSize: 5, askSize: 7,
                                          exchangeTime: 40))
        for definition in DigestDefinition.allCases {
            var separate = RunDigest(definition: definition)
            var shared = RunDigest(definition: definition)
            shared.prepareSharedDelivery(time: 42, source: .input, message: message)
            for (sequence, target) in [(UInt64(9), UInt32(0)), (10, 4), (11, 17)] {
                separate.recordDelivery(time: 42, sequence: sequence, source: .input, target: ActorID(rawValue: target), message: message)
                shared.recordSharedDelivery(sequence: sequence, target: ActorID(rawValue: target))
                #expect(shared.event == separate.event, "\(definition)")
            }
        }
    }
}
