import Kernel
import Testing

/// The kernel finalizes the event digest at each input only for observers that read it; the
/// run and its digests must not depend on whether it did.
@Suite struct InputObserverDigestTests {
    /// Keeps the digest each input was admitted with.
    final class DigestWatcher: InputObserver {
        let readsEventDigest: Bool
        var digestsBefore: [UInt64] = []
        init(readsEventDigest: Bool) { self.readsEventDigest = readsEventDigest }
        func kernel(_ kernel: Kernel, admitted input: AdmittedInput) { digestsBefore.append(input.eventDigestBefore) }
    }

    /// Twenty pings through two subscribers (one of which answers each), watched by `watchers`.
    private static func run(watchedBy watchers: [DigestWatcher]) throws -> RunSummary {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 7, startTime: 0))
        let feed = kernel.topic(named: "feed")
        let answers = kernel.topic(named: "answers")
        let log = DeliveryLog()
        kernel.spawn("first") {
            ScriptedActor(context: $0, log: log, onStart: { $0.subscribe(feed) }, onReceive: { context, delivery in
                if let value = delivery.message.pingValue { context.publish(answers, .ping(Ping(value: value * 2)), after: 500) }
            })
        }
        kernel.spawn("second") { ScriptedActor(context: $0, log: log, onStart: { $0.subscribe(feed); $0.subscribe(answers) }) }
        try kernel.addInput(ArrayInputSource((1...20).map {
            InputRecord(time: UInt64($0) * 1_000, topic: feed, message: .ping(Ping(value: UInt64($0))))
        }))
        for watcher in watchers { kernel.addObserver(watcher) }
        return try kernel.run()
    }

    @Test func observersThatDoNotReadTheDigestGetZeroAndChangeNothing() throws {
        let unread = DigestWatcher(readsEventDigest: false)
        let skipped = try Self.run(watchedBy: [unread])
        let read = DigestWatcher(readsEventDigest: true)
        let finalized = try Self.run(watchedBy: [read])

        #expect(unread.digestsBefore == Array(repeating: 0, count: 20))
        #expect(Set(read.digestsBefore).count == 20, "each input sees the digest of the deliveries before it")
        #expect(skipped.digest == finalized.digest)
        #expect(skipped.decisionDigest == finalized.decisionDigest)
        #expect(skipped.deliveries == finalized.deliveries)
    }

    /// One reader is enough: every observer of the kernel then sees the digest.
    @Test func oneReaderGivesEveryObserverTheDigest() throws {
        let unread = DigestWatcher(readsEventDigest: false)
        let read = DigestWatcher(readsEventDigest: true)
        _ = try Self.run(watchedBy: [unread, read])
        let alone = DigestWatcher(readsEventDigest: true)
        _ = try Self.run(watchedBy: [alone])

        #expect(read.digestsBefore == alone.digestsBefore)
        #expect(unread.digestsBefore == alone.digestsBefore)
    }
}
