import Actors
import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioFaults

/// `metronome chaos --report-json`: stable field names, documented in docs/chaos.md.
public struct ChaosSuiteReport: Codable {
    public struct Failure: Codable {
        var seed: UInt64
        var invariant: String
        var detail: String
        var time: String
        var faults: Int
        var reproduce: String
        var replay: String
        var log: String
        var plan: String
    }

    public struct Shrunk: Codable, Sendable, Equatable {
        var seed: UInt64
        var invariant: String
        var faults: [ChaosPlan.Fault]
        var plan: String
        var reproduce: String
        var trials: Int
    }

    var scenario: String
    var runs: Int
    public var failures: [Failure]
    var faults_fired: [String: UInt64]
    /// Faults the seeds' plans held, and those whose start was admitted before the run ended.
    var faults_planned: Int
    var faults_ran: Int
    /// Runs in which each fault fired at least once.
    var runs_with_fault: [String: Int]
    var failures_by_invariant: [String: Int]
    var seeds_per_minute: Double
    var wall_seconds: Double
    var events: UInt64
    var catalog_size: Int
    var faults_never_fired: [String]
    var shrunk: [Shrunk] = []

    public init(suite: ChaosSuiteRunner.Suite, scenario: String, runner: ChaosSuiteRunner) {
        self.init(results: suite.results, wallSeconds: suite.wallSeconds, naming: runner.naming)
    }

    /// The report of these seeds' results (in seed order), whether one process ran them all or a
    /// merge gathered them from shards (``ChaosShardMerge``): it is made from the results alone,
    /// but for the wall time.
    public init(results: [ChaosSeedResult], wallSeconds: Double, naming: ChaosNaming) {
        scenario = naming.scenario
        let suite = (results: results, wallSeconds: wallSeconds)
        runs = suite.results.count
        failures = suite.results.filter(\.failed).map { result in
            let first = result.violations[0]
            let plan = naming.planPath(seed: result.seed)
            return Failure(seed: result.seed, invariant: first.invariant.rawValue, detail: first.detail, time: TimeUnits.iso8601(first.time),
                           faults: result.plan.faults.count, reproduce: naming.reproduce(seed: result.seed, planFile: plan),
                           replay: "metronome replay \(result.log ?? naming.logPath(seed: result.seed)) --verify",
                           log: result.log ?? naming.logPath(seed: result.seed), plan: plan)
        }
        var fired: [String: UInt64] = [:]
        var runsWith: [String: Int] = [:]
        for result in suite.results {
            for (name, count) in result.faults_fired {
                fired[name, default: 0] += count
                runsWith[name, default: 0] += 1
            }
        }
        faults_fired = fired
        faults_planned = suite.results.reduce(0) { $0 + $1.faultsPlanned }
        faults_ran = suite.results.reduce(0) { $0 + $1.faults_ran }
        runs_with_fault = runsWith
        var byInvariant: [String: Int] = [:]
        for failure in failures { byInvariant[failure.invariant, default: 0] += 1 }
        failures_by_invariant = byInvariant
        wall_seconds = suite.wallSeconds
        seeds_per_minute = Double(runs) / max(suite.wallSeconds, 1e-9) * 60
        events = suite.results.reduce(0) { $0 + $1.events }
        catalog_size = FaultKind.allCases.count
        faults_never_fired = FaultKind.allCases.map(\.name).filter { fired[$0] == nil }
    }

    mutating func addShrunk(seed: UInt64, plan: ChaosPlan, path: String, trials: Int, runner: ChaosSuiteRunner, invariant: String) {
        shrunk.append(Shrunk(seed: seed, invariant: invariant, faults: plan.faults, plan: path, reproduce: runner.reproduce(seed: seed, planFile: path),
                             trials: trials))
    }

    /// The shrunk plans a single-machine run would report: those of the first `limit` failing
    /// seeds (``ChaosSuiteRunner/shrinkFailures(of:into:limit:announce:)``), in seed order. Each
    /// shard shrinks its own first failures, which include every one of the suite's first.
    public mutating func keepShrunk(_ candidates: [Shrunk], limit: Int = 3) {
        let first = Set(failures.prefix(limit).map(\.seed))
        shrunk = candidates.filter { first.contains($0.seed) }.sorted { $0.seed < $1.seed }
    }

    /// The shrunk plans in this report (a shard keeps them for the merge).
    public var shrunkPlans: [Shrunk] { shrunk }

    /// How many planned faults ran: all of them, unless an explicit plan reaches past the end.
    var faultsRanText: String {
        let line = "faults: \(DecimalText.grouped(UInt64(faults_planned))) planned, \(DecimalText.grouped(UInt64(faults_ran))) ran"
        return faults_ran < faults_planned ? line + " (the rest start after the run's end)" : line
    }

    public func text(quiet: Bool) -> String {
        var lines: [String] = []
        if !quiet {
            lines.append("chaos \(scenario): \(runs) seeds, \(failures.count) failing, \(DecimalText.grouped(events)) events, \(String(format: "%.1f", seeds_per_minute)) seeds/min")
            lines.append(faultsRanText)
            lines.append("")
            lines.append("fault                          fired  runs")
            for kind in FaultKind.allCases {
                let count = faults_fired[kind.name] ?? 0
                lines.append(kind.name.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "%6llu  %4d", count, runs_with_fault[kind.name] ?? 0))
            }
            lines.append("")
            lines.append("invariant                          failures")
            for invariant in InvariantOracle.Invariant.allCases {
                lines.append(invariant.rawValue.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%6d", failures_by_invariant[invariant.rawValue] ?? 0))
            }
        }
        for failure in failures {
            lines.append("FAIL seed \(failure.seed): \(failure.invariant) at \(failure.time): \(failure.detail)")
            lines.append("  reproduce: \(failure.reproduce)")
            lines.append("  replay:    \(failure.replay)")
        }
        for item in shrunk {
            lines.append("shrunk seed \(item.seed) to \(item.faults.count) fault\(item.faults.count == 1 ? "" : "s") (\(item.trials) runs): "
                         + item.faults.map { "\($0.fault)@\($0.start_ns / 1_000_000_000)s+\($0.duration_ns / 1_000_000_000)s" }.joined(separator: ", "))
            lines.append("  reproduce: \(item.reproduce)")
        }
        if failures.isEmpty && !quiet { lines.append("every invariant held on every seed") }
        return lines.joined(separator: "\n")
    }
}
