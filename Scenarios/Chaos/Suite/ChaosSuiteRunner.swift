import Actors
import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioFaults
import ScenarioReports

#if canImport(Glibc)
import Glibc
#endif

/// Runs a chaos suite's seeds, in this process or spread over worker processes (each runs
/// `metronome chaos … --worker` and prints one JSON line per seed).
public final class ChaosSuiteRunner: @unchecked Sendable {
    public struct Suite {
        public var results: [ChaosSeedResult]
        public var wallSeconds: Double
    }

    let scenario: Scenario
    let scenarioArgument: String
    public let seeds: [UInt64]
    let only: [FaultKind]?
    let plan: ChaosPlan?
    let planPath: String?
    let until: Timestamp?
    let untilText: String?
    let faultsText: String?
    let out: String

    public init(scenario: Scenario, scenarioArgument: String, seeds: [UInt64], only: [FaultKind]?, plan: ChaosPlan?, planPath: String?,
         until: Timestamp?, untilText: String?, faultsText: String?, out: String) {
        self.scenario = scenario
        self.scenarioArgument = scenarioArgument
        self.seeds = seeds
        self.only = only
        self.plan = plan
        self.planPath = planPath
        self.until = until
        self.untilText = untilText
        self.faultsText = faultsText
        self.out = out
    }

    /// File names and reproducers (shared with a merge of this suite's shards).
    public var naming: ChaosNaming {
        ChaosNaming(scenario: scenario.name, scenarioArgument: scenarioArgument, untilText: untilText, out: out)
    }

    public func logPath(seed: UInt64) -> String { naming.logPath(seed: seed) }

    public func planPath(seed: UInt64, suffix: String = "") -> String { naming.planPath(seed: seed, suffix: suffix) }

    public func reproduce(seed: UInt64, planFile: String) -> String { naming.reproduce(seed: seed, planFile: planFile) }

    /// One seed, recorded; the log and the plan are kept only when it fails.
    public func runSeed(_ seed: UInt64) throws -> ChaosSeedResult {
        let log = logPath(seed: seed)
        var result = try ChaosRun.run(scenario: scenario, seed: seed, plan: plan, only: only, until: until, recordPath: log)
        if result.failed {
            try ReportFile.write(result.plan, to: planPath(seed: seed))
        } else {
            try? FileManager.default.removeItem(atPath: log)
            result.log = nil
        }
        return result
    }

    /// `--worker`: runs this process's seeds and prints one JSON line per seed, which the parent
    /// (``runSuite(jobs:showsProgress:)``) reads back.
    public func runAsWorker() throws {
        for seed in seeds {
            let result = try runSeed(seed)
            let line = try JSONEncoder().encode(result)
            FileHandle.standardOutput.write(line + Data("\n".utf8))
        }
    }

    /// `--shrink`: shrinks the first `limit` failing plans, saves each beside its seed's plan and
    /// adds it to the report; `announce` hears each shrink as it starts.
    public func shrinkFailures(of suite: Suite, into report: inout ChaosSuiteReport, limit: Int = 3,
                               announce: (String) -> Void) throws {
        for failure in suite.results.filter(\.failed).prefix(limit) {
            announce("metronome: shrinking seed \(failure.seed)'s plan (\(failure.plan.faults.count) faults)…\n")
            let shrunk = try ChaosShrinker.shrink(scenario: scenario, failing: failure, until: until)
            let path = planPath(seed: failure.seed, suffix: "shrunk")
            try ReportFile.write(shrunk.plan, to: path)
            report.addShrunk(seed: failure.seed, plan: shrunk.plan, path: path, trials: shrunk.trials, runner: self,
                             invariant: shrunk.result.violations.first?.invariant.rawValue ?? "")
        }
    }

    /// - Parameter showsProgress: draw the progress line on standard error (a terminal, not `--quiet`).
    public func runSuite(jobs: Int, showsProgress: Bool) throws -> Suite {
        let started = ContinuousClock.now
        let progress = ChaosProgress(total: seeds.count, enabled: showsProgress)
        var results: [ChaosSeedResult] = []
        if jobs <= 1 {
            for seed in seeds {
                let result = try runSeed(seed)
                results.append(result)
                progress.advance(failed: result.failed)
            }
        } else {
            results = try runWorkers(jobs: jobs, progress: progress)
        }
        progress.finish()
        let elapsed = ContinuousClock.now - started
        return Suite(results: results.sorted { $0.seed < $1.seed }, wallSeconds: Double(KernelInstant.nanoseconds(of: elapsed)) / 1e9)
    }

    private func runWorkers(jobs: Int, progress: ChaosProgress) throws -> [ChaosSeedResult] {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var shares = Array(repeating: [UInt64](), count: jobs)
        for (index, seed) in seeds.enumerated() { shares[index % jobs].append(seed) }
        let collected = ChaosCollected()
        var threads: [Thread] = []
        let done = DispatchGroup()
        for share in shares where !share.isEmpty {
            var arguments = ["chaos", scenarioArgument, "--seeds", share.map(String.init).joined(separator: ","), "--worker", "--out", out]
            if let faultsText { arguments += ["--faults", faultsText] }
            if let planPath { arguments += ["--plan", planPath] }
            if let untilText { arguments += ["--until", untilText] }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            done.enter()
            let thread = Thread {
                var buffer = Data()
                let handle = output.fileHandleForReading
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    buffer.append(chunk)
                    while let newline = buffer.firstIndex(of: 0x0A) {
                        let line = buffer[buffer.startIndex..<newline]
                        buffer.removeSubrange(buffer.startIndex...newline)
                        if let result = try? JSONDecoder().decode(ChaosSeedResult.self, from: Data(line)) {
                            collected.add(result)
                            progress.advance(failed: result.failed)
                        }
                    }
                }
                let stderrText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                if process.terminationStatus != 0 {
                    collected.fail("worker for seeds \(share.first!)… exited \(process.terminationStatus): \(stderrText)")
                }
                done.leave()
            }
            threads.append(thread)
            thread.start()
        }
        done.wait()
        if let failure = collected.failures.first { throw CommandFailure.checkFailed("metronome: error: \(failure)") }
        return collected.results
    }
}
