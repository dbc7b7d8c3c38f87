import Foundation
import Kernel
import Messages
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The central promise in miniature: a live run, stamped by the kernel, replays bit-for-bit on
/// the virtual clock from its admitted inputs alone.
@Suite struct LiveReplayTests {
    final class Recorder: InputObserver {
        var admitted: [AdmittedInput] = []
        func kernel(_ kernel: Kernel, admitted input: AdmittedInput) { admitted.append(input) }
    }

    /// Echoes each input as an order after a 1 ms timer: derived events depend on input times.
    static func buildPipeline(_ kernel: Kernel) {
        let feed = kernel.topic(named: "feed")
        let out = kernel.topic(named: "out")
        kernel.spawn("echo") {
            ScriptedActor(context: $0, log: DeliveryLog(), onStart: { $0.subscribe(feed) }, onReceive: { context, delivery in
                switch delivery.message {
                case .ping(let ping): context.schedule(after: 1_000_000, tag: ping.value)
                case .timer(let fired):
                    context.publish(out, .order(Order(orderID: context.ids.next(), symbol: 0, side: fired.tag % 2 == 0 ? .buy : .sell,
                                                      quantity: Int64(fired.tag) + 1, limitPrice: 0, traceID: fired.tag)))
                default: break
                }
            })
        }
    }

    @Test func liveRunReplaysBitForBit() throws {
        let live = Kernel(configuration: KernelConfiguration(mode: .live, seed: 9))
        let recorder = Recorder()
        live.addObserver(recorder)
        LiveReplayTests.buildPipeline(live)
        let feed = live.topic(named: "feed")
        #expect(!live.clock.isVirtual)
        // A feed thread outside the kernel: 40 inputs, 200 µs apart, then a stop request.
        let producer = Thread {
            for value in 0..<40 {
                live.inbox.submit(topic: feed, message: .ping(Ping(value: UInt64(value))))
                usleep(200)
            }
            usleep(5_000)
            live.requestStop()
        }
        producer.start()
        let liveSummary = try live.run()
        #expect(liveSummary.stopReason == .stopRequested)
        #expect(liveSummary.inputs == 40)
        #expect(recorder.admitted.map(\.time) == recorder.admitted.map(\.time).sorted(), "stamps never go backwards")

        let replay = Kernel(configuration: KernelConfiguration(mode: .replay, seed: 9, startTime: liveSummary.startTime,
                                                              endTime: liveSummary.endTime))
        LiveReplayTests.buildPipeline(replay)
        try replay.addInput(ArrayInputSource(recorder.admitted.map {
            InputRecord(time: $0.time, topic: $0.topic, message: $0.message, recordedSequence: $0.sequence)
        }))
        let replaySummary = try replay.run()
        #expect(replaySummary.firstSequenceMismatch == nil)
        #expect(replaySummary.deliveries == liveSummary.deliveries)
        #expect(replaySummary.digest == liveSummary.digest)
        #expect(replaySummary.decisionDigest == liveSummary.decisionDigest)
    }

    @Test func alteredInputIsCaughtByTheDigest() throws {
        func run(_ values: [UInt64]) throws -> RunSummary {
            let kernel = Kernel(configuration: KernelConfiguration(mode: .replay, seed: 9, startTime: 0))
            LiveReplayTests.buildPipeline(kernel)
            let feed = kernel.topic(named: "feed")
            try kernel.addInput(ArrayInputSource(values.enumerated().map {
                InputRecord(time: UInt64($0.offset) * 10_000_000, topic: feed, message: .ping(Ping(value: $0.element)))
            }))
            return try kernel.run()
        }
        let original = try run([1, 2, 3, 4])
        let altered = try run([1, 2, 7, 4])
        #expect(original.digest != altered.digest)
        #expect(original.decisionDigest != altered.decisionDigest)
    }
}
