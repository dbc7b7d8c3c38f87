// The stage meter of `metronome bench FILE`: the default scenario's first simulated hour with the
// meter on. See README.md.
import Benchmark
import Scenarios

/// 9. `stages.calm-day-1h`: `StageBenchmark.run` — the same run as `pipeline.calm-day-1h.signals`
///    with an HdrHistogram per stage and clock recording every delivery. Gated: allocations (the
///    histograms and the stage map are made before the run; a per-delivery allocation would add
///    ≈ 1.1 million) and the custom count `events`, exact for a deterministic run.
func stageBenchmarks(calmDay: Scenario) {
    let eventsMetric = BenchmarkMetric.custom("events", polarity: .prefersLarger, useScalingFactor: false)
    var configuration = configuration(scalingFactor: .one, allocationAllowance: 64, maxDuration: .seconds(5), maxIterations: 20)
    configuration.metrics += [eventsMetric]
    configuration.thresholds?[eventsMetric] = countThresholds()
    Benchmark("stages.calm-day-1h", configuration: configuration) { benchmark in
        let result = try StageBenchmark.run(scenario: calmDay, options: .init(until: calmDay.startTime + 3_600_000_000_000))
        precondition(result.stages.contains { $0.wall.count > 0 }, "the meter recorded nothing")
        benchmark.measurement(eventsMetric, Int(result.outcome.summary.deliveries))
        blackHole(result.outcome.summary.digest)
    }
}
