import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// The stage meter on calm-day: every stage of the pipeline is measured on both clocks, and the
/// measurement never changes the run.
@Suite struct StageMeterTests {
    /// calm-day's first hour (its first orders come after half an hour), measured once for the suite.
    static let calmDayHour: (measured: StageBenchmark.Result, plain: RunOutcome) = {
        do {
            let scenario = try ScenarioLoader.load(path: ScenarioLocator.resolve("calm-day")!)
            let options = ScenarioRun.Options(until: scenario.startTime + 3_600_000_000_000)
            return (try StageBenchmark.run(scenario: scenario, options: options), try ScenarioRun(scenario: scenario, options: options).run())
        } catch {
            fatalError("calm-day: \(error)")
        }
    }()

    @Test func measurementOnOrOffGivesTheSameDigests() {
        let (measured, plain) = StageMeterTests.calmDayHour
        #expect(measured.outcome.summary.digest == plain.summary.digest)
        #expect(measured.outcome.summary.decisionDigest == plain.summary.decisionDigest)
        #expect(measured.outcome.summary.deliveries == plain.summary.deliveries)
    }

    @Test func everyStageOfCalmDayHasBothHistograms() {
        let (measured, _) = StageMeterTests.calmDayHour
        #expect(measured.stages.map(\.stage) == [.feeds, .agents, .blender, .selector, .sizer, .gate, .router, .broker, .portfolio, .tickToOrder])
        #expect(measured.outcome.orders > 0, "the hour has orders")
        for figures in measured.stages {
            #expect(figures.simulated.count > 0, "\(figures.stage): simulated")
            #expect(figures.wall.count > 0, "\(figures.stage): wall")
            #expect(figures.simulated.p50_ns <= figures.simulated.p99_ns && figures.simulated.p99_ns <= figures.simulated.p999_ns
                    && figures.simulated.p999_ns <= figures.simulated.max_ns, "\(figures.stage): percentiles grow")
            #expect(figures.simulated.log2_buckets.reduce(0, +) == figures.simulated.count, "\(figures.stage): buckets hold every sample")
            #expect(figures.untraced == 0, "\(figures.stage): every output found its start")
        }
        // What the models fix: the feed's 300 µs latency; the simulated broker answers after an
        // order latency (≥ 0) plus an ack latency of 500 µs or 1 ms.
        let feeds = measured.stages.first { $0.stage == .feeds }!
        #expect(feeds.simulated.p50_ns == 300_000 && feeds.simulated.max_ns == 300_000)
        let broker = measured.stages.first { $0.stage == .broker }!
        #expect(broker.simulated.p50_ns >= 500_000)
        // Every quote, trade and alternative datum reaches the feed guard: one wall sample each.
        #expect(feeds.wall.count == measured.outcome.summary.inputs)
    }

    /// The meter and the replay verifier (which holds the delivery-observer slot) work together:
    /// a measured replay still verifies.
    @Test func aMeasuredReplayStillVerifies() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meter-\(UUID().uuidString).mlog").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let scenario = try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve("one-strategy")))
        let options = ScenarioRun.Options(until: scenario.startTime + 600_000_000_000, recording: .init(path: path))
        let original = try ScenarioRun(scenario: scenario, options: options).run()
        let replay = try ReplayRun(logPath: path)
        let meter = StageMeter.attach(to: replay.run.kernel)
        let outcome = try replay.replay()
        #expect(outcome.verified && outcome.divergence == nil)
        #expect(outcome.run.summary.digest == original.summary.digest)
        #expect(meter.wallHistogram(.feeds).totalCount == original.summary.inputs)
    }

    @Test func aVerdictComparesEveryBudgetedPercentile() throws {
        let scenario = try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve("calm-day")))
        let budgets = try #require(scenario.budgets, "calm-day carries budgets")
        let measured = StageMeterTests.calmDayHour.measured
        let broker = measured.stages.first { $0.stage == .broker }!
        // Within: a budget at the measured values.
        let exact = PercentileBudget(p50Nanoseconds: broker.simulated.p50_ns, p99Nanoseconds: broker.simulated.p99_ns,
                                     maxNanoseconds: broker.simulated.max_ns)
        #expect(BudgetVerdict(distribution: broker.simulated, budget: exact).status == .ok)
        // One nanosecond under the maximum: exceeded, on max only.
        let tight = PercentileBudget(maxNanoseconds: broker.simulated.max_ns - 1)
        let verdict = BudgetVerdict(distribution: broker.simulated, budget: tight)
        #expect(verdict.status == .exceeded && verdict.exceeded.map(\.percentile) == [.max])
        #expect(BudgetVerdict(distribution: broker.simulated, budget: nil).status == .unbudgeted)
        #expect(BudgetVerdict(distribution: StageDistribution(StageMeter(componentNames: []).simulatedHistogram(.broker)), budget: tight).status == .noSamples)
        // calm-day's own simulated budgets hold over its first hour.
        for figures in measured.stages {
            #expect(BudgetVerdict(distribution: figures.simulated, budget: budgets.simulated(figures.stage)).status != .exceeded, "\(figures.stage)")
        }
    }
}
