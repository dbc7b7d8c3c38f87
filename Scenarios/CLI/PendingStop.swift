import Foundation
import Kernel
import Messages

/// A stop request that may come before the kernel exists: Ctrl-C while a scenario is still being
/// loaded and wired stops the run as soon as it is ready, instead of being lost. Signals arrive
/// on the interrupt handler's queue, the kernel on the main thread: a lock orders the two.
final class PendingStop: @unchecked Sendable {
    private let lock = NSLock()
    private var kernel: Kernel?
    private var requested = false

    /// From the interrupt handler: stops the kernel now, or as soon as it is attached.
    func request() {
        lock.lock()
        requested = true
        let attached = kernel
        lock.unlock()
        attached?.requestStop()
    }

    /// Once the run is wired: a stop requested before takes effect now.
    func attach(_ kernel: Kernel) {
        lock.lock()
        self.kernel = kernel
        let wasRequested = requested
        lock.unlock()
        if wasRequested { kernel.requestStop() }
    }
}
