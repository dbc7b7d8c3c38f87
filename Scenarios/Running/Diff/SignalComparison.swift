import DequeModule
import Kernel
import Messages

/// The signal records (signals, indicator values, forecasts, slates) of two format-5 logs, compared
/// in emission order apart from the rest of the records: a run with other parameters can part
/// from the other in its decisions first and in its signals later (or the reverse), and `diff`
/// reports the first differing signal record either way. Records are fed as the two logs are
/// read side by side; only those one log has read ahead of the other are held.
public struct SignalComparison {
    /// The first signal records that differ (nil where that log had no more), and their index
    /// among the logs' signal records.
    public struct Difference: Sendable, Equatable {
        public var index: UInt64
        public var a: RecordedDecision?
        public var b: RecordedDecision?
    }

    public private(set) var firstDifference: Difference?
    /// Signal records compared pairwise so far.
    public private(set) var compared: UInt64 = 0
    private var pendingA: Deque<RecordedDecision> = []
    private var pendingB: Deque<RecordedDecision> = []
    /// Past this many records held for one side, the logs are too far apart to pair: give up.
    static let pendingLimit = 1 << 20
    public private(set) var gaveUp = false

    public init() {}

    /// A signal record of log A (`normalized` by the caller: trace ids named as in B).
    public mutating func addA(_ record: RecordedDecision) {
        guard firstDifference == nil, !gaveUp else { return }
        pendingA.append(record)
        pair()
    }

    public mutating func addB(_ record: RecordedDecision) {
        guard firstDifference == nil, !gaveUp else { return }
        pendingB.append(record)
        pair()
    }

    /// Both logs are read to their ends: a record one of them has left over is a difference.
    public mutating func finish() {
        guard firstDifference == nil, !gaveUp else { return }
        if let a = pendingA.first { firstDifference = Difference(index: compared, a: a, b: nil) }
        if let b = pendingB.first { firstDifference = Difference(index: compared, a: nil, b: b) }
    }

    private mutating func pair() {
        while let a = pendingA.first, let b = pendingB.first {
            if a != b {
                firstDifference = Difference(index: compared, a: a, b: b)
                pendingA.removeAll()
                pendingB.removeAll()
                return
            }
            pendingA.removeFirst()
            pendingB.removeFirst()
            compared += 1
        }
        if pendingA.count > SignalComparison.pendingLimit || pendingB.count > SignalComparison.pendingLimit {
            gaveUp = true
            pendingA.removeAll()
            pendingB.removeAll()
        }
    }
}
