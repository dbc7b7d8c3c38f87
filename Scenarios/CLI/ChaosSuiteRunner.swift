import Actors
import Foundation
import Kernel
import Scenarios

#if canImport(Glibc)
import Glibc
#endif

/// Runs a chaos suite's seeds, in this process or spread over worker processes (each runs
/// `metronome chaos … --worker` and prints one JSON line per seed).
final class ChaosSuiteRunner: @unchecked Sendable {
    struct Suite {
        var results: [ChaosSeedResult]
        var wallSeconds: Double
    }

    let scenario: Scenario
    let scenarioArgument: String
    let seeds: [UInt64]
    let only: [FaultKind]?
    let plan: ChaosPlan?
    let planPath: String?
    let until: Timestamp?
    let untilText: String?
    let faultsText: String?
    let out: String

    init(scenario: Scenario, scenarioArgument: String, seeds: [UInt64], only: [FaultKind]?, plan: ChaosPlan?, planPath: String?,
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

    func logPath(seed: UInt64) -> String { "\(out)/\(scenario.name)-seed-\(seed).mlog" }

    func planPath(seed: UInt64, suffix: String = "") -> String {
        "\(out)/\(scenario.name)-seed-\(seed)\(suffix.isEmpty ? "" : "-\(suffix)").plan.json"
    }

    /// The one-line reproducer of a seed: its plan file replays exactly those faults.
    func reproduce(seed: UInt64, planFile: String) -> String {
        var line = "metronome chaos \(scenarioArgument) --seeds \(seed) --plan \(planFile)"
        if let untilText { line += " --until \(untilText)" }
        return line
    }

    /// One seed, recorded; the log and the plan are kept only when it fails.
    func runSeed(_ seed: UInt64) throws -> ChaosSeedResult {
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

    func runSuite(jobs: Int, quiet: Bool) throws -> Suite {
        let started = ContinuousClock.now
        let progress = ChaosProgress(total: seeds.count, enabled: !quiet && ProgressBar.isTerminal)
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

/// The suite's progress on a terminal: seeds done, failures, seeds per minute, time left.
final class ChaosProgress: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private let lock = NSLock()
    private var done = 0
    private var failed = 0
    private let started = ContinuousClock.now

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func advance(failed seedFailed: Bool) {
        lock.withLock {
            done += 1
            if seedFailed { failed += 1 }
            guard enabled else { return }
            let seconds = max(Double(KernelInstant.nanoseconds(of: ContinuousClock.now - started)) / 1e9, 1e-3)
            let perMinute = Double(done) / seconds * 60
            let left = Double(total - done) / max(Double(done) / seconds, 1e-9)
            FileHandle.standardError.write(Data(String(format: "\r\u{1B}[Kchaos %d/%d seeds · %d failing · %.1f seeds/min · %.0f s left", done, total, failed, perMinute, left).utf8))
        }
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// Results gathered from worker threads.
final class ChaosCollected: @unchecked Sendable {
    private let lock = NSLock()
    private var storedResults: [ChaosSeedResult] = []
    private var storedFailures: [String] = []

    func add(_ result: ChaosSeedResult) { lock.withLock { storedResults.append(result) } }
    func fail(_ message: String) { lock.withLock { storedFailures.append(message) } }
    var results: [ChaosSeedResult] { lock.withLock { storedResults } }
    var failures: [String] { lock.withLock { storedFailures } }
}
