import Kernel
import Messages
import Testing

/// Tokens hop between 1,000 actors at random latencies; the kernel must deliver every hop in
/// `(time, sequence)` order, lose nothing and run identically twice.
@Suite struct StressTests {
    final class Ledger: @unchecked Sendable {
        var received: [UInt64]
        var lastKey: (Timestamp, UInt64) = (0, 0)
        var outOfOrder = 0
        var hops: UInt64 = 0

        init(actors: Int) { received = Array(repeating: 0, count: actors) }
    }

    actor Hopper: Component {
        nonisolated let context: Context
        nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
        let ledger: Ledger
        let actors: UInt32
        let tokens: Int

        init(context: Context, ledger: Ledger, actors: UInt32, tokens: Int) {
            self.context = context
            self.ledger = ledger
            self.actors = actors
            self.tokens = tokens
        }

        func start() {
            for token in 0..<tokens { hop(.ping(Ping(value: UInt64(token)))) }
        }

        func receive(_ delivery: Delivery) {
            let key = (delivery.time, delivery.sequence)
            if key.0 < ledger.lastKey.0 || (key.0 == ledger.lastKey.0 && key.1 <= ledger.lastKey.1) { ledger.outOfOrder += 1 }
            ledger.lastKey = key
            ledger.received[Int(context.actorID.rawValue)] += 1
            ledger.hops += 1
            hop(delivery.message)
        }

        private func hop(_ message: Message) {
            let target = ActorID(rawValue: UInt32(context.random.next(below: UInt64(actors))))
            // Half the hops are same-time (FIFO), half delayed (heap).
            let delay = context.random.nextBernoulli(0.5) ? 0 : context.random.next(below: 1_000)
            context.send(to: target, message, after: delay)
        }
    }

    func runStress(seed: UInt64) throws -> (RunSummary, Ledger) {
        let actors = 1_000
        let ledger = Ledger(actors: actors)
        let kernel = Kernel(configuration: KernelConfiguration(seed: seed, startTime: 0, maximumDeliveries: 150_000))
        for index in 0..<actors {
            kernel.spawn("hopper.\(index)") { Hopper(context: $0, ledger: ledger, actors: UInt32(actors), tokens: index % 10 == 0 ? 2 : 0) }
        }
        return (try kernel.run(), ledger)
    }

    @Test func thousandActorsHundredFiftyThousandEvents() throws {
        let (summary, ledger) = try runStress(seed: 5)
        #expect(summary.deliveries == 150_000)
        #expect(ledger.hops == 150_000, "every delivery reached its actor")
        #expect(ledger.received.reduce(0, +) == summary.deliveries)
        #expect(ledger.outOfOrder == 0, "deliveries in (time, sequence) order")
        #expect(ledger.received.filter { $0 > 0 }.count > 990, "load spreads over the actors")
        let (again, _) = try runStress(seed: 5)
        #expect(again.digest == summary.digest)
        let (other, _) = try runStress(seed: 6)
        #expect(other.digest != summary.digest)
    }
}
