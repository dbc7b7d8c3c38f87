/// An instant on a Metronome clock: a ``Timestamp`` in nanoseconds, usable with Swift's `Clock`.
public struct KernelInstant: InstantProtocol, Hashable, Sendable, CustomStringConvertible {
    public typealias Duration = Swift.Duration

    /// Nanoseconds since the Unix epoch.
    public var nanoseconds: Timestamp

    public init(nanoseconds: Timestamp) { self.nanoseconds = nanoseconds }

    public func advanced(by duration: Swift.Duration) -> KernelInstant {
        let delta = KernelInstant.nanoseconds(of: duration)
        if delta >= 0 {
            return KernelInstant(nanoseconds: nanoseconds &+ UInt64(delta))
        }
        let back = UInt64(-delta)
        return KernelInstant(nanoseconds: back > nanoseconds ? 0 : nanoseconds - back)
    }

    public func duration(to other: KernelInstant) -> Swift.Duration {
        if other.nanoseconds >= nanoseconds {
            return .nanoseconds(Int64(clamping: other.nanoseconds - nanoseconds))
        }
        return .nanoseconds(-Int64(clamping: nanoseconds - other.nanoseconds))
    }

    public static func < (lhs: KernelInstant, rhs: KernelInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public var description: String { TimeUnits.iso8601(nanoseconds) }

    /// Whole nanoseconds in a `Duration` (attoseconds truncated toward zero).
    public static func nanoseconds(of duration: Swift.Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }
}
