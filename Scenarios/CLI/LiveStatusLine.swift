#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Kernel
import Messages
import Scenarios

/// The live run's status on standard error, from its own thread: events/s, inputs/s, feed lag,
/// the last tick's time, orders, fills and quarantined lines. On a terminal it redraws one line
/// every second; otherwise it prints a line every `plainIntervalSeconds` (for logs).
final class LiveStatusLine: @unchecked Sendable {
    private let monitor: LiveMonitor
    private let ingest: LiveFeedIngest
    private let terminal = isatty(STDERR_FILENO) == 1
    private let plainIntervalSeconds = 10
    private var thread: Thread?
    private var stopped = false
    private let lock = NSLock()

    init(monitor: LiveMonitor, ingest: LiveFeedIngest) {
        self.monitor = monitor
        self.ingest = ingest
    }

    func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "metronome.status"
        self.thread = thread
        thread.start()
    }

    func stop() {
        lock.withLock { stopped = true }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func loop() {
        var previous = monitor.reading
        var tick = 0
        while true {
            sleep(1)
            if lock.withLock({ stopped }) { return }
            tick += 1
            let reading = monitor.reading
            guard terminal || tick % plainIntervalSeconds == 0 else { continue }
            let seconds = terminal ? 1.0 : Double(plainIntervalSeconds)
            let line = render(reading, previous: previous, seconds: seconds)
            previous = reading
            FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
        }
    }

    private func render(_ reading: LiveMonitor.Reading, previous: LiveMonitor.Reading, seconds: Double) -> String {
        let events = Double(reading.deliveries &- previous.deliveries) / seconds
        let inputs = Double(reading.inputs &- previous.inputs) / seconds
        let lastTick = reading.lastAdmission == 0 ? "-" : String(TimeUnits.iso8601(reading.lastAdmission).dropFirst(11))
        let lag = reading.feedLagNanoseconds
        let lagText = abs(lag) < 1_000_000 ? "\(lag / 1_000) µs" : String(format: "%.1f ms", Double(lag) / 1e6)
        return "live · \(DecimalText.grouped(UInt64(events))) events/s · \(DecimalText.grouped(UInt64(inputs))) ticks/s · feed lag \(lagText)"
            + " · last tick \(lastTick) · orders \(reading.orders) · fills \(reading.fills) · quarantined \(ingest.snapshot.quarantinedTotal)"
    }
}
