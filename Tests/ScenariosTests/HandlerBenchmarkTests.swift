import Kernel
import Messages
import Scenarios
import Testing

/// The per-actor harness of Benchmarks/: every actor acts on its generated inputs (a harness that
/// fed an actor nothing it could use would measure an idle handler), and the counts the
/// benchmarks gate on are reproducible.
@Suite struct HandlerBenchmarkTests {
    @Test(arguments: HandlerBenchmark.Subject.allCases)
    func everyActorEmitsOnItsInputs(subject: HandlerBenchmark.Subject) throws {
        let first = try HandlerBenchmark.run(subject, rounds: 400)
        #expect(first.inputs >= 1_600, "\(subject): four quotes a round at least")
        #expect(first.outputs > 0, "\(subject) emitted nothing")
        let second = try HandlerBenchmark.run(subject, rounds: 400)
        #expect(second.outputs == first.outputs && second.summary.digest == first.summary.digest, "\(subject) is deterministic")
    }

    @Test func journalEncodeThenDecodeKeepsEveryRecord() throws {
        let scenario = try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve("one-strategy")))
        let records = try JournalCodecBenchmark.records(of: scenario, until: scenario.startTime + 300_000_000_000)
        #expect(records.count > 1_000)
        let blocks = try JournalCodecBenchmark.encode(records)
        #expect(try JournalCodecBenchmark.decode(blocks) == records.count)
    }
}
