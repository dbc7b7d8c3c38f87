/// The total order of a run: events are delivered by ascending `(time, sequence)`.
///
/// `sequence` is assigned by the kernel when an event is scheduled (or admitted, for an input),
/// strictly increasing over the whole run, so no two events share a key and ties never depend
/// on container order, threads or hash seeds.
public struct EventKey: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var time: Timestamp
    public var sequence: UInt64

    public init(time: Timestamp, sequence: UInt64) {
        self.time = time
        self.sequence = sequence
    }

    @inline(__always)
    public static func < (lhs: EventKey, rhs: EventKey) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.sequence < rhs.sequence
    }

    public var description: String { "(\(time), \(sequence))" }
}
