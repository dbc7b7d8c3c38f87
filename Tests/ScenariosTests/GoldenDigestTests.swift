import Kernel
import Scenarios
import Testing

/// Pinned fingerprints: the event and decision digests of library runs and of the kernel's ring.
/// A change to the kernel's scheduling, to a codec or to any component's arithmetic that alters a
/// run — even by one delivery or one bit of a fill — fails here. Performance work must leave these
/// alone; a deliberate change of behaviour updates them in the same commit and says why (old logs
/// then no longer replay with `--verify`).
///
/// The runs are pinned in every log format: the record stream tracing by input ordinal (format 4,
/// every build since 2026-12-02), the record stream tracing by sequence number (formats 2 and 3,
/// the builds from 2026-11-22) and the record chain (format 1, the builds before), whose values
/// are the ones those builds printed — an old log must keep verifying. Formats 3 and 4 run the
/// same events; only the trace ids the decisions carry differ.
@Suite struct GoldenDigestTests {
    struct Golden: Sendable, CustomTestStringConvertible {
        var scenario: String
        /// Simulated nanoseconds from the scenario's start; nil runs it whole.
        var length: UInt64?
        var events: UInt64
        var digest: String
        var decisionDigest: String
        var definition = DigestDefinition.recordStream
        var trace = TraceIdentity.inputOrdinal
        var testDescription: String { "\(scenario) (\(definition), \(trace))" }
    }

    static let hour: UInt64 = 3_600_000_000_000

    static let runs = [
        // Behaviour changed on 2026-12-02 (the blender's sleeping-experts reweighting and
        // recalibration; the input defense's daily defaults): calm-day, flash-crash and sp500-2008
        // are pinned as this build runs them in every format, and their older logs no longer
        // verify. one-strategy (no blender) keeps the values older builds printed.
        // The full pipeline (twelve agents, blender, selector, sizer, gate, router, broker), 11 fills.
        Golden(scenario: "calm-day", length: 2 * hour, events: 2_135_431, digest: "339be3bb4183e041", decisionDigest: "3cba5495ecdc0464"),
        // A market event and the input defense's quarantine.
        Golden(scenario: "flash-crash", length: 2 * hour, events: 2_139_908, digest: "0eeee0986bff0206", decisionDigest: "b8f8a13938c0b013"),
        // Daily bars from the shared market data, judged by the input defense as daily data (none
        // quarantined; the tick defaults refused 6 quotes before 2026-12-02).
        Golden(scenario: "sp500-2008", length: nil, events: 60_309, digest: "edfb39a40e7d1a60", decisionDigest: "a83e020270075bf8"),
        // The simple trader.
        Golden(scenario: "one-strategy", length: hour / 6, events: 11_875, digest: "2f45317086559ac7", decisionDigest: "80865beff809e2eb"),
        // Formats 2 and 3 (trace ids by sequence): one-strategy as the builds of 2026-11-22 to
        // 2026-12-01 printed it.
        Golden(scenario: "calm-day", length: 2 * hour, events: 2_135_431, digest: "aa2f2f36fbee8e14", decisionDigest: "d326c7357b4a427c",
               trace: .inputSequence),
        Golden(scenario: "flash-crash", length: 2 * hour, events: 2_139_908, digest: "65bc86940bae6a3b", decisionDigest: "e7279b9824b252e0",
               trace: .inputSequence),
        Golden(scenario: "sp500-2008", length: nil, events: 60_309, digest: "87c57e714924030d", decisionDigest: "285b91f64a57de63",
               trace: .inputSequence),
        Golden(scenario: "one-strategy", length: hour / 6, events: 11_875, digest: "bbd5e806d2231ad7", decisionDigest: "72ff98887e04e212",
               trace: .inputSequence),
        // Format 1: one-strategy as the builds of 2026-11-21 printed it.
        Golden(scenario: "calm-day", length: 2 * hour, events: 2_135_431, digest: "00bfd72dae3933fb", decisionDigest: "37cd4b307e6c0fc8",
               definition: .recordChain, trace: .inputSequence),
        Golden(scenario: "sp500-2008", length: nil, events: 60_309, digest: "c1f4a779df6b0291", decisionDigest: "1d88e8b812f7bb2c",
               definition: .recordChain, trace: .inputSequence),
        Golden(scenario: "one-strategy", length: hour / 6, events: 11_875, digest: "b3ebf9127d762be3", decisionDigest: "8bc9bc3aa0199027",
               definition: .recordChain, trace: .inputSequence),
    ]

    @Test(arguments: runs)
    func aLibraryRunKeepsItsDigests(_ golden: Golden) throws {
        let scenario = try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve(golden.scenario)))
        var options = ScenarioRun.Options(until: golden.length.map { scenario.startTime + $0 })
        options.digestDefinition = golden.definition
        options.traceIdentity = golden.trace
        let summary = try ScenarioRun(scenario: scenario, options: options).run().summary
        #expect(summary.deliveries == golden.events)
        #expect(summary.digestHex == golden.digest)
        #expect(summary.decisionDigestHex == golden.decisionDigest)
    }

    /// The kernel alone: 100,000 deliveries through the benchmark's ring of 64 actors.
    @Test func theKernelRingKeepsItsDigest() throws {
        var settings = KernelBenchmark.Settings()
        settings.deliveries = 100_000
        let ring = try KernelBenchmark.measureRing(settings)
        #expect(ring.summary.deliveries == 100_000)
        #expect(ring.summary.digestHex == "64e1f982cb323be2")
        settings.digestDefinition = .recordChain
        #expect(try KernelBenchmark.measureRing(settings).summary.digestHex == "7e5d9098104e0a84", "format 1")
    }
}
