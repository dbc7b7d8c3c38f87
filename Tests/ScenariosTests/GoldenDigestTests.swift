import Kernel
import Scenarios
import Testing

/// Pinned fingerprints: the event and decision digests of library runs and of the kernel's ring.
/// A change to the kernel's scheduling, to a codec or to any component's arithmetic that alters a
/// run — even by one delivery or one bit of a fill — fails here. Performance work must leave these
/// alone; a deliberate change of behaviour updates them in the same commit and says why (old logs
/// then no longer replay with `--verify`).
///
/// The runs are pinned under both digest definitions: the record stream (log format 2, every
/// build since 2026-11-22) and the record chain (format 1, the builds before), whose values are
/// the ones those builds printed — a format-1 log must keep verifying.
@Suite struct GoldenDigestTests {
    struct Golden: Sendable, CustomTestStringConvertible {
        var scenario: String
        /// Simulated nanoseconds from the scenario's start; nil runs it whole.
        var length: UInt64?
        var events: UInt64
        var digest: String
        var decisionDigest: String
        var definition = DigestDefinition.recordStream
        var testDescription: String { "\(scenario) (\(definition))" }
    }

    static let hour: UInt64 = 3_600_000_000_000

    static let runs = [
        // The full pipeline (twelve agents, blender, selector, sizer, gate, router, broker), 11 fills.
        Golden(scenario: "calm-day", length: 2 * hour, events: 2_135_431, digest: "aa2f2f36fbee8e14", decisionDigest: "d326c7357b4a427c"),
        // A market event and the input defense's quarantine.
        Golden(scenario: "flash-crash", length: 2 * hour, events: 2_139_908, digest: "65bc86940bae6a3b", decisionDigest: "e7279b9824b252e0"),
        // Daily bars from the shared market data, 1,399 fills.
        Golden(scenario: "sp500-2008", length: nil, events: 61_355, digest: "387cd2d5dcd509c1", decisionDigest: "7d0a4c8d4fd82ce0"),
        // The simple trader.
        Golden(scenario: "one-strategy", length: hour / 6, events: 11_875, digest: "bbd5e806d2231ad7", decisionDigest: "72ff98887e04e212"),
        // Format 1 (the record chain), as this build computes it for the same runs.
        Golden(scenario: "calm-day", length: 2 * hour, events: 2_135_431, digest: "00bfd72dae3933fb", decisionDigest: "37cd4b307e6c0fc8",
               definition: .recordChain),
        Golden(scenario: "sp500-2008", length: nil, events: 61_355, digest: "5cdd36f457ef05e5", decisionDigest: "8483b564872fe00e",
               definition: .recordChain),
        Golden(scenario: "one-strategy", length: hour / 6, events: 11_875, digest: "b3ebf9127d762be3", decisionDigest: "8bc9bc3aa0199027",
               definition: .recordChain),
    ]

    @Test(arguments: runs)
    func aLibraryRunKeepsItsDigests(_ golden: Golden) throws {
        let scenario = try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve(golden.scenario)))
        var options = ScenarioRun.Options(until: golden.length.map { scenario.startTime + $0 })
        options.digestDefinition = golden.definition
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
