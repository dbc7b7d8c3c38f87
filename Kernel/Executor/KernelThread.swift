#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The identity of the thread that runs a kernel, and a cheap test for "am I on it?".
struct KernelThread: @unchecked Sendable {
    private(set) var thread: pthread_t

    init() { thread = pthread_self() }

    /// Re-binds to the calling thread (the kernel is bound to whichever thread calls `run`).
    mutating func bindToCurrent() { thread = pthread_self() }

    /// - Complexity: O(1), no system call.
    @inline(__always) var isCurrent: Bool { pthread_equal(pthread_self(), thread) != 0 }
}
