import Histogram
import Kernel

/// Tick-to-order wall latency in live mode: from the admission of the tick behind an order (its
/// trace id, ``Context/traceID``) to the moment the order is emitted. In live mode an input's
/// admission stamp is the wall clock, so the difference is wall time spent in the pipeline —
/// including, for a decision taken on a timer (the selector's slate), the wait for that timer.
///
/// Admission stamps are kept in a ring by sequence number; an order whose tick has left the ring
/// is counted as ``untraced`` rather than guessed. Nothing is allocated per event.
public final class TickToOrderProbe: InputObserver {
    private static let ringSize = 1 << 16
    private var stamps: [Timestamp]
    private var sequences: [UInt64]
    public private(set) var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000_000,
                                                          numberOfSignificantValueDigits: .three)
    public private(set) var untraced: UInt64 = 0

    public init() {
        stamps = Array(repeating: 0, count: TickToOrderProbe.ringSize)
        sequences = Array(repeating: .max, count: TickToOrderProbe.ringSize)
    }

    public func kernel(_ kernel: Kernel, admitted input: AdmittedInput) {
        let slot = Int(truncatingIfNeeded: input.sequence) & (TickToOrderProbe.ringSize - 1)
        stamps[slot] = input.time
        sequences[slot] = input.sequence
    }

    public func kernel(_ kernel: Kernel, emitted decision: RecordedDecision) {
        guard case .order(let order) = decision.message else { return }
        let slot = Int(truncatingIfNeeded: order.traceID) & (TickToOrderProbe.ringSize - 1)
        guard sequences[slot] == order.traceID else {
            untraced &+= 1
            return
        }
        let now = LiveClock.wallTime()
        _ = histogram.record(now > stamps[slot] ? now - stamps[slot] : 0)
    }

    /// p50, p99, p99.9 and max; nil before the first order.
    public var percentiles: LatencyPercentiles? {
        guard histogram.totalCount > 0 else { return nil }
        return LatencyPercentiles(count: histogram.totalCount, p50: histogram.valueAtPercentile(50), p99: histogram.valueAtPercentile(99),
                                  p999: histogram.valueAtPercentile(99.9), max: histogram.max)
    }
}
