/// Why a run ended.
public enum StopReason: String, Sendable, Equatable {
    /// The next event lies after the configured end time.
    case endTime = "end_time"
    /// The configured number of deliveries was reached.
    case eventBudget = "event_budget"
    /// No inputs and no pending events are left.
    case exhausted
    /// Someone called ``EventKernel/requestStop()`` (a signal handler, an operator).
    case stopRequested = "stop_requested"
    /// Live: the feed closed the inbox and every input it sent has been admitted.
    case inputClosed = "input_closed"
    /// Live: the feed broke (a connection reset, a read error) rather than ending; every input
    /// it sent before has been admitted. ``Inbox/failure`` says what broke.
    case inputFailed = "input_failed"
}
