#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall clock, read in one place: the live run loop (``LiveClock``) and the live feed
/// server stamp with it; nothing a simulated or replayed run decides may read it.
public enum WallClock {
    /// The wall clock (CLOCK_REALTIME) in nanoseconds since the epoch.
    public static func wallTime() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)  // det-ok: the live clock is the one place that reads the wall
        return UInt64(spec.tv_sec) &* TimeUnits.nanosecondsPerSecond &+ UInt64(spec.tv_nsec)
    }
}
