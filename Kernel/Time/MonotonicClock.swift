#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A monotonic wall-time stopwatch for measurement (the stage probe's handler times). Its readings
/// never reach a component, the journal or a digest: they only describe how long the run took.
public enum MonotonicClock {
    /// CLOCK_MONOTONIC in nanoseconds (a vDSO call on Linux: no system call).
    @inline(__always)
    public static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)  // det-ok: measurement only; the value never reaches a component or a digest
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}
