import Kernel
import Messages
import Testing

@Suite struct EventOrderTests {
    /// Three messages published at the same time reach a subscriber in publication order, and
    /// two subscribers in subscription order.
    @Test func sameTimeEventsAreDeliveredFirstInFirstOut() throws {
        let log = DeliveryLog()
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 1_000))
        let topic = kernel.topic(named: "t")
        kernel.spawn("first") { ScriptedActor(context: $0, log: log, onStart: { $0.subscribe(topic) }) }
        kernel.spawn("second") { ScriptedActor(context: $0, log: log, onStart: { $0.subscribe(topic) }) }
        kernel.spawn("publisher") {
            ScriptedActor(context: $0, log: log, onStart: { context in
                for value in 1...3 { context.publish(topic, .ping(Ping(value: UInt64(value)))) }
            })
        }
        let summary = try kernel.run()
        #expect(summary.deliveries == 6)
        #expect(log.entries.map(\.actor) == ["first", "second", "first", "second", "first", "second"])
        #expect(log.entries.compactMap(\.message.pingValue) == [1, 1, 2, 2, 3, 3])
        #expect(log.entries.allSatisfy { $0.time == 1_000 })
        #expect(log.entries.map(\.sequence) == log.entries.map(\.sequence).sorted())
    }

    /// Timers due at the same time fire in the order they were scheduled, whatever the order
    /// of their times when scheduled and wherever the heap puts them.
    @Test func equalTimeTimersFireInSchedulingOrder() throws {
        let log = DeliveryLog()
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        kernel.spawn("timers") {
            ScriptedActor(context: $0, log: log, onStart: { context in
                // Interleave other due times so the heap has to order them.
                let plan: [(DurationNanoseconds, UInt64)] = [(500, 1), (100, 90), (500, 2), (900, 91), (500, 3), (100, 92), (500, 4)]
                for (delay, tag) in plan { context.schedule(after: delay, tag: tag) }
            })
        }
        _ = try kernel.run()
        let fired = log.entries.map { ($0.time, $0.message.timerTag!) }
        #expect(fired.map(\.0) == [100, 100, 500, 500, 500, 500, 900])
        #expect(fired.map(\.1) == [90, 92, 1, 2, 3, 4, 91])
    }

    /// A message sent "now" while handling an event at t goes after a timer that was already
    /// due at t (the heap's event has the smaller sequence number).
    @Test func heapEventsDueNowPrecedeTheFIFO() throws {
        let log = DeliveryLog()
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        kernel.spawn("a") {
            ScriptedActor(context: $0, log: log, onStart: { context in
                context.schedule(after: 10, tag: 1)
                context.schedule(after: 10, tag: 2)
            }, onReceive: { context, delivery in
                if delivery.message.timerTag == 1 { context.send(to: context.actorID, .ping(Ping(value: 5))) }
            })
        }
        _ = try kernel.run()
        #expect(log.entries.map { $0.message.timerTag ?? 100 + $0.message.pingValue! } == [1, 2, 105])
    }

    @Test func cancelledTimersNeverFire() throws {
        let log = DeliveryLog()
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        kernel.spawn("a") {
            ScriptedActor(context: $0, log: log, onStart: { context in
                let doomed = context.schedule(after: 20, tag: 1)
                context.schedule(after: 30, tag: 2)
                #expect(context.cancel(doomed))
                #expect(!context.cancel(doomed), "cancelling twice is a no-op")
            })
        }
        let summary = try kernel.run()
        #expect(log.entries.compactMap(\.message.timerTag) == [2])
        #expect(summary.timersCancelled == 1)
        #expect(summary.timersFired == 1)
    }

    /// An input stamped t is admitted only after every event with time ≤ t; inputs earlier than
    /// the kernel's clock are admitted "now".
    @Test func inputsAreAdmittedAfterEventsAtOrBeforeTheirTime() throws {
        let log = DeliveryLog()
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        let topic = kernel.topic(named: "feed")
        kernel.spawn("a") {
            ScriptedActor(context: $0, log: log, onStart: { context in
                context.subscribe(topic)
                context.schedule(after: 100, tag: 1)
            }, onReceive: { context, delivery in
                if delivery.message.timerTag == 1 { context.schedule(after: 0, tag: 2) }
            })
        }
        try kernel.addInput(ArrayInputSource([
            InputRecord(time: 50, topic: topic, message: .ping(Ping(value: 50))),
            InputRecord(time: 100, topic: topic, message: .ping(Ping(value: 100))),
            InputRecord(time: 90, topic: topic, message: .ping(Ping(value: 90))),
        ]))
        let summary = try kernel.run()
        let order = log.entries.map { entry in entry.message.timerTag.map { "timer\($0)@\(entry.time)" } ?? "input\(entry.message.pingValue!)@\(entry.time)" }
        #expect(order == ["input50@50", "timer1@100", "timer2@100", "input100@100", "input90@100"])
        #expect(summary.inputsClampedToNow == 1)
    }

    @Test func runStopsAtEndTimeAndEventBudget() throws {
        func ticker(end: Timestamp?, budget: UInt64?) throws -> RunSummary {
            let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: end, maximumDeliveries: budget))
            kernel.spawn("tick") {
                ScriptedActor(context: $0, log: DeliveryLog(), onStart: { $0.schedule(after: 10) },
                              onReceive: { context, _ in context.schedule(after: 10) })
            }
            return try kernel.run()
        }
        let timed = try ticker(end: 1_000, budget: nil)
        #expect(timed.stopReason == .endTime)
        #expect(timed.deliveries == 100, "ticks at 10, 20, … 1000 inclusive")
        let budgeted = try ticker(end: nil, budget: 25)
        #expect(budgeted.stopReason == .eventBudget)
        #expect(budgeted.deliveries == 25)
    }
}
