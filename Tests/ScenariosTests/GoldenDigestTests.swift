import Kernel
import Scenarios
import Testing

/// Pinned fingerprints: the event and decision digests of library runs and of the kernel's ring,
/// as every build since 2026-11-21 produces them. A change to the kernel's scheduling, to a codec
/// or to any component's arithmetic that alters a run — even by one delivery or one bit of a
/// fill — fails here. Performance work must leave these alone; a deliberate change of behaviour
/// updates them in the same commit and says why (old logs then no longer replay with `--verify`).
@Suite struct GoldenDigestTests {
    struct Golden: Sendable, CustomTestStringConvertible {
        var scenario: String
        /// Simulated nanoseconds from the scenario's start; nil runs it whole.
        var length: UInt64?
        var events: UInt64
        var digest: String
        var decisionDigest: String
        var testDescription: String { scenario }
    }

    static let hour: UInt64 = 3_600_000_000_000

    static let runs = [
        // The full pipeline (twelve agents, blender, selector, sizer, gate, router, broker), 8 fills.
        Golden(scenario: "calm-day", length: 2 * hour, events: 2_135_370, digest: "9a54f23d6cd947cc", decisionDigest: "b487151415185555"),
        // A market event and the input defense's quarantine.
        Golden(scenario: "flash-crash", length: 2 * hour, events: 2_139_875, digest: "6168ece14df46d04", decisionDigest: "513045b553f540dc"),
        // Daily bars from the shared market data, 1,054 fills.
        Golden(scenario: "sp500-2008", length: nil, events: 52_423, digest: "408cb951924f31cc", decisionDigest: "917930fddd081f2f"),
        // The simple trader.
        Golden(scenario: "one-strategy", length: hour / 6, events: 11_875, digest: "b3ebf9127d762be3", decisionDigest: "8bc9bc3aa0199027"),
    ]

    @Test(arguments: runs)
    func aLibraryRunKeepsItsDigests(_ golden: Golden) throws {
        let scenario = try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve(golden.scenario)))
        let options = ScenarioRun.Options(until: golden.length.map { scenario.startTime + $0 })
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
        #expect(ring.summary.digestHex == "7e5d9098104e0a84")
    }
}
