import Kernel
import Messages

/// Pairs a signal record with the indicator values its agent journaled just before it (same
/// source, time, symbol and trace id; docs/log-format.md), so that `log cat` prints a signal
/// with the values behind it. Fed every record in log order.
public struct IndicatorsBehindSignal {
    private var pending: [IndicatorValue] = []
    private var pendingSource: ActorID?
    private var pendingTime: Timestamp = 0

    public init() {}

    /// For a signal record, the indicator values that precede it (empty when there are none);
    /// for any other record, empty. An indicator record is kept for the signal after it.
    public mutating func take(_ record: JournalRecord) -> [IndicatorValue] {
        guard case .annotation(let emitted) = record else {
            pending.removeAll(keepingCapacity: true)
            return []
        }
        switch emitted.message {
        case .indicator(let value):
            if pendingSource != emitted.source || pendingTime != emitted.time { pending.removeAll(keepingCapacity: true) }
            pendingSource = emitted.source
            pendingTime = emitted.time
            pending.append(value)
            return []
        case .signal(let signal):
            defer { pending.removeAll(keepingCapacity: true) }
            guard pendingSource == emitted.source, pendingTime == emitted.time else { return [] }
            return pending.filter { $0.symbol == signal.symbol && $0.traceID == signal.traceID }
        default:
            pending.removeAll(keepingCapacity: true)
            return []
        }
    }
}
