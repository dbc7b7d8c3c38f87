import Kernel
import Messages

/// The first place a replay differs from its recording.
public struct Divergence: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A decision (order, fill, position) differs, is missing or is extra: exact.
        case decision
        /// The events between two inputs differ (per-input checkpoint): the window's first event is
        /// named and the replay's events in it are listed.
        case events
        /// An input was admitted with a different sequence number.
        case sequence
        /// The final digests differ (everything before matched).
        case final
    }

    public var kind: Kind
    /// Index of the first differing event (0-based delivery count).
    public var eventIndex: UInt64
    public var time: Timestamp
    /// The component that received (or emitted, for a decision) the event.
    public var actor: String
    public var expected: String
    public var actual: String
    /// Extra context: which input, which window.
    public var detail: String

    public var description: String {
        """
        replay diverged from the recording (\(kind.rawValue))
          first divergence at event #\(eventIndex) at \(TimeUnits.iso8601(time)), actor \(actor)
          \(detail)
          expected: \(expected)
          actual:   \(actual)
        """
    }
}
