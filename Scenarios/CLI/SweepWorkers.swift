import Foundation
import Kernel
import Messages
import Scenarios

/// Makes a sweep's pending runs: in this process, or spread over worker processes (each runs
/// `metronome sweep … --runs R1,R2,… --worker`, saves its results in the sweep's folder and
/// prints `done R` per run for the progress line).
struct SweepWorkers {
    let runner: SweepRunner
    let store: SweepStore
    let arguments: [String]

    func run(_ pending: [Int], jobs: Int, progress: SweepProgress, reportsEachRun: Bool) throws {
        if jobs <= 1 || pending.count <= 1 {
            for index in pending {
                let result: SweepRunResult
                do {
                    result = try runner.run(index)
                } catch {
                    let (point, seed) = runner.grid.run(index)
                    let settings = runner.grid.assignments(of: point).map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                    throw CommandFailure.checkFailed("metronome: error: run \(index) (\(settings.isEmpty ? "the scenario as it is" : settings), seed \(seed)) failed: \(error)")
                }
                try store.save(result)
                if reportsEachRun { FileHandle.standardOutput.write(Data("done \(index)\n".utf8)) }
                progress.advance()
            }
            return
        }
        try runWorkers(pending, jobs: jobs, progress: progress)
    }

    private func runWorkers(_ pending: [Int], jobs: Int, progress: SweepProgress) throws {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var shares = Array(repeating: [Int](), count: min(jobs, pending.count))
        for (position, index) in pending.enumerated() { shares[position % shares.count].append(index) }
        let failures = SweepFailures()
        let done = DispatchGroup()
        for share in shares {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments + ["--runs", share.map(String.init).joined(separator: ","), "--worker"]
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            done.enter()
            Thread {
                let handle = output.fileHandleForReading
                var buffer = Data()
                while case let chunk = handle.availableData, !chunk.isEmpty {
                    buffer.append(chunk)
                    while let newline = buffer.firstIndex(of: 0x0A) {
                        if buffer[buffer.startIndex..<newline].starts(with: Data("done ".utf8)) { progress.advance() }
                        buffer.removeSubrange(buffer.startIndex...newline)
                    }
                }
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                if process.terminationStatus != 0 {
                    failures.add(message.isEmpty ? "a worker exited with status \(process.terminationStatus)" : message.trimmingCharacters(in: .whitespacesAndNewlines))
                }
                done.leave()
            }.start()
        }
        done.wait()
        if let failure = failures.first {
            throw CommandFailure.checkFailed(failure.hasPrefix("metronome:") ? failure : "metronome: error: \(failure)")
        }
    }
}

/// Worker failures gathered from the reading threads.
final class SweepFailures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var first: String? { lock.withLock { messages.first } }
}

/// The sweep's progress on a terminal: runs done (and resumed), runs per minute, time left.
final class SweepProgress: @unchecked Sendable {
    private let total: Int
    private let resumed: Int
    private let enabled: Bool
    private let lock = NSLock()
    private var done = 0
    private let started = ContinuousClock.now

    init(total: Int, resumed: Int, enabled: Bool) {
        self.total = total
        self.resumed = resumed
        self.enabled = enabled
        draw()
    }

    func advance() {
        lock.withLock { done += 1 }
        draw()
    }

    private func draw() {
        guard enabled else { return }
        lock.withLock {
            let seconds = max(Double(KernelInstant.nanoseconds(of: ContinuousClock.now - started)) / 1e9, 1e-3)
            let rate = Double(done) / seconds
            let left = done > 0 ? String(format: "%.0f s left", Double(total - resumed - done) / rate) : "…"
            FileHandle.standardError.write(Data(String(format: "\r\u{1B}[Ksweep %d/%d runs (%d resumed) · %.1f runs/min · %@",
                                                       resumed + done, total, resumed, rate * 60, left).utf8))
        }
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
