import Kernel
import Messages

/// What a venue tells us about our orders, in the order it happened: the broker publishes
/// reports on its reports topic and fills on ``Topics/fills``.
public enum VenueEvent: Sendable, Equatable {
    /// Acknowledged, rejected, cancelled or expired.
    case report(ExecutionReport)
    /// An execution; the order's last one has `isFinal` set.
    case fill(Fill)

    /// The order this event is about.
    public var orderID: UInt64 {
        switch self {
        case .report(let report): report.orderID
        case .fill(let fill): fill.orderID
        }
    }

    /// True when the order is closed after this event (a terminal report or a final fill).
    public var isTerminal: Bool {
        switch self {
        case .report(let report): report.isTerminal
        case .fill(let fill): fill.isFinal
        }
    }
}
