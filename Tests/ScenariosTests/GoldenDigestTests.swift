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
        // The full pipeline (twelve agents, blender, selector, sizer, gate, router, broker), 8 fills.
        Golden(scenario: "calm-day", length: 2 * hour, events: 2_135_370, digest: "a9b25acc4709284a", decisionDigest: "192960a5406f4b04"),
        // A market event and the input defense's quarantine.
        Golden(scenario: "flash-crash", length: 2 * hour, events: 2_139_875, digest: "daf81d9af8a0dfdb", decisionDigest: "8875add52d4f307a"),
        // Daily bars from the shared market data, 1,046 fills, judged by the input defense as daily
        // data (none quarantined; the tick defaults refused 6 quotes before 2026-12-02).
        Golden(scenario: "sp500-2008", length: nil, events: 52_747, digest: "64127c90b7653ad9", decisionDigest: "051f12cb4e15bfd0"),
        // The simple trader.
        Golden(scenario: "one-strategy", length: hour / 6, events: 11_875, digest: "2f45317086559ac7", decisionDigest: "80865beff809e2eb"),
        // Formats 2 and 3, as the builds of 2026-11-22 to 2026-12-01 printed them.
        Golden(scenario: "calm-day", length: 2 * hour, events: 2_135_370, digest: "1d5c7bebec116a46", decisionDigest: "7e57ec9fc27acb8b",
               trace: .inputSequence),
        Golden(scenario: "flash-crash", length: 2 * hour, events: 2_139_875, digest: "cf072188fadc6ca3", decisionDigest: "ec8225d415825ee3",
               trace: .inputSequence),
        // The daily defaults of 2026-12-02 changed what sp500-2008 decides: those builds printed
        // e828a9e717ed8b84 / 9c1e67fca866adb4 for it; a format-3 log of it now replays to these.
        Golden(scenario: "sp500-2008", length: nil, events: 52_747, digest: "d4f98a1a91ad562d", decisionDigest: "29589a8077546d59",
               trace: .inputSequence),
        Golden(scenario: "one-strategy", length: hour / 6, events: 11_875, digest: "bbd5e806d2231ad7", decisionDigest: "72ff98887e04e212",
               trace: .inputSequence),
        // Format 1, as the builds of 2026-11-21 printed them.
        Golden(scenario: "calm-day", length: 2 * hour, events: 2_135_370, digest: "9a54f23d6cd947cc", decisionDigest: "b487151415185555",
               definition: .recordChain, trace: .inputSequence),
        // The format-1 builds printed 408cb951924f31cc / 917930fddd081f2f for sp500-2008 (see above).
        Golden(scenario: "sp500-2008", length: nil, events: 52_747, digest: "79e414e877dc89b3", decisionDigest: "0f2460bb1b539664",
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
