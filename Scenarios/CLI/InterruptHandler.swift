import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a call (the kernel's thread-safe `requestStop`) while alive, so a
/// long run stops cleanly — summary printed, log closed — instead of dying mid-write.
final class InterruptHandler {
    private var sources: [any DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "metronome.signals")

    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                FileHandle.standardError.write(Data("metronome: stopping (signal \(number))…\n".utf8))
                onInterrupt()
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
