import Kernel
import Messages

/// A registered feed's events for one run, in time order (ties keep their order).
public protocol FeedEventSource {
    /// The next event and its admission time, or nil when the feed is exhausted; an error stops
    /// the run and names the feed's problem.
    mutating func next() throws -> (time: Timestamp, event: FeedEvent)?
}
