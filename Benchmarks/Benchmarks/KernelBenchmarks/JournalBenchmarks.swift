// Journal suites: encode (records → 1 MiB blocks → zstd) and decode (zstd → records) in memory,
// on the records of calm-day's first 30 minutes (inputs and decisions). See README.md.
import Benchmark
import Kernel
import Scenarios

/// 8. `journal.encode.zstd` and `journal.decode.zstd`. Wall time reads per run of all records
///    (events/s = records ÷ time). Gated: allocations (per block, never per record) and the custom
///    counts `records` and `bytes` (the compressed size: a format change that costs bytes per
///    event fails the check; zstd's output is stable for a given library version and level).
func journalBenchmarks() {
    let records: [JournalRecord]
    do {
        let calmDay = try ScenarioLoader.load(path: libraryPath("calm-day"))
        records = try JournalCodecBenchmark.records(of: calmDay, until: calmDay.startTime + 1_800_000_000_000)
    } catch {
        fatalError("journal corpus: \(error)")
    }
    let blocks: [JournalCodecBenchmark.CompressedBlock]
    do { blocks = try JournalCodecBenchmark.encode(records) } catch { fatalError("journal corpus: \(error)") }

    let recordsMetric = BenchmarkMetric.custom("records", polarity: .prefersLarger, useScalingFactor: false)
    let bytesMetric = BenchmarkMetric.custom("bytes", polarity: .prefersSmaller, useScalingFactor: false)
    var encodeConfiguration = configuration(scalingFactor: .one, allocationAllowance: 8, maxDuration: .seconds(3), maxIterations: 40)
    encodeConfiguration.metrics += [recordsMetric, bytesMetric]
    encodeConfiguration.thresholds?[recordsMetric] = countThresholds()
    encodeConfiguration.thresholds?[bytesMetric] = countThresholds()
    Benchmark("journal.encode.zstd", configuration: encodeConfiguration) { benchmark in
        let encoded = try JournalCodecBenchmark.encode(records)
        benchmark.measurement(recordsMetric, records.count)
        benchmark.measurement(bytesMetric, encoded.reduce(0) { $0 + $1.frame.count })
        blackHole(encoded)
    }

    var decodeConfiguration = configuration(scalingFactor: .one, allocationAllowance: 8, maxDuration: .seconds(3), maxIterations: 40)
    decodeConfiguration.metrics += [recordsMetric]
    decodeConfiguration.thresholds?[recordsMetric] = countThresholds()
    Benchmark("journal.decode.zstd", configuration: decodeConfiguration) { benchmark in
        let decoded = try JournalCodecBenchmark.decode(blocks)
        precondition(decoded == records.count, "decoded \(decoded) of \(records.count) records")
        benchmark.measurement(recordsMetric, decoded)
    }
}
