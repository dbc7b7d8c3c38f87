import Foundation
import Kernel
import Messages

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
