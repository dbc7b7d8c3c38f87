// Per-actor handler suites: each actor of the pipeline alone on a generated stream of its inputs
// (`HandlerBenchmark` in the root package), with a counter on its outputs. See README.md.
import Benchmark
import Scenarios

/// 7. One benchmark per actor: `handler.<actor>`, 5 000 rounds of 4 quotes (plus trades and the
///    actor's own inputs) per run. Gated: allocations (the set-up; none per message) and the
///    custom counts `inputs` and `outputs`, exact for a deterministic run — a change in what an
///    actor decides on the same inputs shows up here even when timing noise hides it.
func handlerBenchmarks() {
    let inputsMetric = BenchmarkMetric.custom("inputs", polarity: .prefersLarger, useScalingFactor: false)
    let outputsMetric = BenchmarkMetric.custom("outputs", polarity: .prefersLarger, useScalingFactor: false)
    for subject in HandlerBenchmark.Subject.allCases {
        var configuration = configuration(scalingFactor: .one, allocationAllowance: 16, maxDuration: .seconds(3), maxIterations: 40)
        configuration.metrics += [inputsMetric, outputsMetric]
        configuration.thresholds?[inputsMetric] = countThresholds()
        configuration.thresholds?[outputsMetric] = countThresholds()
        Benchmark("handler.\(subject.rawValue)", configuration: configuration) { benchmark in
            let result = try HandlerBenchmark.run(subject, rounds: 5_000)
            precondition(result.outputs > 0, "\(subject) emitted nothing")
            benchmark.measurement(inputsMetric, Int(result.inputs))
            benchmark.measurement(outputsMetric, result.outputs)
            blackHole(result.summary.digest)
        }
    }
}
