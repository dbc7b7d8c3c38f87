import Kernel
import Messages
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

    /// Twenty pings through two subscribers (one of which answers each), watched by `watchers`
    /// added in this order after `setUp`.
    private static func run(watchedBy watchers: [DigestWatcher], setUp: (Kernel) throws -> Void = { _ in }) throws -> RunSummary {
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
        try setUp(kernel)
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

    /// One reader is enough, whichever was added first: every observer of the kernel then sees
    /// the digest.
    @Test func oneReaderGivesEveryObserverTheDigest() throws {
        let alone = DigestWatcher(readsEventDigest: true)
        _ = try Self.run(watchedBy: [alone])
        for readerFirst in [false, true] {
            let unread = DigestWatcher(readsEventDigest: false)
            let read = DigestWatcher(readsEventDigest: true)
            _ = try Self.run(watchedBy: readerFirst ? [read, unread] : [unread, read])
            #expect(read.digestsBefore == alone.digestsBefore)
            #expect(unread.digestsBefore == alone.digestsBefore)
        }
    }

    /// The journal reads the digest: its checkpoints hold the real digests even with an observer
    /// that does not read it added after it (a scenario run adds its run history that way).
    @Test func theJournalCheckpointsTheRealDigestBesideObserversThatDoNot() throws {
        let alone = DigestWatcher(readsEventDigest: true)
        let expected = try Self.run(watchedBy: [alone])
        let path = JournalFixture.temporaryPath("digest-readers.mlog")
        var recorder: JournalRecorder<Message>?
        let summary = try Self.run(watchedBy: [DigestWatcher(readsEventDigest: false)]) { kernel in
            recorder = try JournalRecorder(path: path, kernel: kernel, scenarioName: "t", scenarioText: "t", buildIdentity: "test",
                                           options: JournalWriter.Options(blockBytes: 16, fsyncIntervalNanoseconds: nil))
        }
        try #require(recorder).finish(summary: summary)
        #expect(summary.digest == expected.digest)
        var cursor = try JournalReader(path: path).blocks()
        var checkpoints: [UInt64] = []
        while let block = try cursor.next() {
            if block.descriptor.checkpointSequence != .max { checkpoints.append(block.descriptor.eventDigest) }
        }
        #expect(checkpoints.count >= 19, "a block per input")
        #expect(checkpoints.allSatisfy(alone.digestsBefore.contains), "\(checkpoints)")
        #expect(Set(checkpoints).count == checkpoints.count)
    }
}
