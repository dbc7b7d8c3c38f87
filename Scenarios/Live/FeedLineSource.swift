import Kernel
import Messages

/// What `metronome feed serve` streams: feed inputs in time order, each written as one line of
/// the live protocol stamped with its send time.
public protocol FeedLineSource {
    /// The simulated time of the next line (paces it), or nil at the end.
    mutating func nextTime() throws -> Timestamp?
    /// Appends the next line, with `stamp` as its exchange time, and moves past it.
    mutating func appendNext(stamp: Timestamp, to buffer: inout [UInt8]) throws
}
