#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Kernel
import Messages
import Scenarios

/// A one-line progress bar on standard error while a run goes: simulated time, share done,
/// events/s and the time left. Only on a terminal; it watches inputs as they are admitted and
/// never touches the run (digests are the same with or without it).
final class ProgressBar: InputObserver {
    private let startTime: Timestamp
    private let endTime: Timestamp
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant
    private var inputs: UInt64 = 0
    private var drawn = false

    /// True when standard error is a terminal.
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    init(startTime: Timestamp, endTime: Timestamp) {
        self.startTime = startTime
        self.endTime = max(endTime, startTime + 1)
        started = clock.now
        lastDrawn = started
    }

    var readsEventDigest: Bool { false }

    func kernel(_ kernel: Kernel, admitted input: AdmittedInput) {
        inputs &+= 1
        // Reading the clock costs; look every 4 096 inputs, draw at most 10 times a second.
        guard inputs & 4_095 == 0 else { return }
        let now = clock.now
        guard now - lastDrawn >= .milliseconds(100) else { return }
        lastDrawn = now
        draw(time: input.time, deliveries: kernel.currentDeliveries, now: now)
    }

    private func draw(time: Timestamp, deliveries: UInt64, now: ContinuousClock.Instant) {
        let share = min(max(Double(time - min(time, startTime)) / Double(endTime - startTime), 0), 1)
        let elapsed = Double(KernelInstant.nanoseconds(of: now - started)) / 1e9
        let rate = elapsed > 0 ? Double(deliveries) / elapsed : 0
        let left = share > 0 ? elapsed * (1 - share) / share : 0
        let width = 24
        let filled = Int((share * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let clockText = String(TimeUnits.iso8601(time).dropFirst(11).prefix(8))
        let line = String(format: "\r%@ %3.0f%%  %@ sim  %@ events/s  ETA %@ ", bar, share * 100, clockText,
                          SummaryTable.grouped(UInt64(rate)), Self.duration(left))
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Clears the line before the summary is printed.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        drawn = false
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }
}
