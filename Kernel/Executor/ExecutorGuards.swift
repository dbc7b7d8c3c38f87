import CRuntimeHooks
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two determinism guards around the kernel executor.
///
/// 1. A job enqueued on a kernel executor from any thread but the kernel thread traps: it would
///    race the run loop (always on; the check is one `pthread_equal`).
/// 2. A job that the kernel thread sends to Swift's global concurrent executor (a detached task,
///    a real-time sleep, a nonisolated async escape — the calls the lint bans) would run on a pool
///    thread at a time no one controls. A hook on `swift_task_enqueueGlobal` catches it: it traps in debug builds, and
///    in release builds when `METRONOME_STRICT_EXECUTOR=1`; otherwise the leak is counted and
///    reported once.
public enum ExecutorGuards {
    /// What the global-executor hook does in this process.
    public enum Mode: Sendable {
        case trap
        case count
    }

    /// The mode chosen by the build and the environment.
    public static var defaultMode: Mode {
        #if DEBUG
        return .trap
        #else
        if let value = getenv("METRONOME_STRICT_EXECUTOR"), String(cString: value) == "1" { return .trap }
        return .count
        #endif
    }

    /// Installs the global-executor hook in `mode` (an explicit choice replaces an earlier one).
    /// Returns false when the Swift runtime does not expose the hook, in which case only the
    /// foreign-thread guard is active.
    @discardableResult
    public static func installGlobalExecutorGuard(_ mode: Mode = defaultMode) -> Bool {
        let cMode: metronome_global_guard_mode = mode == .trap ? METRONOME_GLOBAL_GUARD_TRAP : METRONOME_GLOBAL_GUARD_COUNT
        let installed = metronome_install_global_executor_guard(cMode) == 0
        guardInstalled.store(installed, ordering: .relaxed)
        return installed
    }

    /// Installs the hook in the default mode unless someone already chose a mode (what every
    /// `Kernel.run()` calls: it never overrides an explicit choice).
    static func ensureGlobalExecutorGuard() {
        if !guardInstalled.load(ordering: .relaxed) { installGlobalExecutorGuard() }
    }

    private static let guardInstalled = Atomic<Bool>(false)

    /// Jobs the kernel thread leaked to the global executor (in `.count` mode).
    public static var globalLeakCount: Int { metronome_global_leak_count() }

    /// Marks or unmarks the calling thread as a kernel thread for the global-executor hook.
    static func setKernelThread(_ active: Bool) { metronome_set_kernel_thread(active ? 1 : 0) }  // det-ok: thread identity flag for the guard

    static func foreignEnqueue() -> Never {
        let message = "metronome: determinism guard: a job was enqueued on the kernel executor from a thread other than the kernel thread. Inputs from other threads must go through the kernel's inbox.\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        abort()
    }
}
