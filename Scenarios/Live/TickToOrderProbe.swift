import Histogram
import Kernel
import Messages
import ScenarioBenchmarks

/// Tick-to-order wall latency in live mode: from the admission of the tick behind an order (its
/// trace id, ``Context/traceID``) to the moment the order is emitted. In live mode an input's
/// admission stamp is the wall clock, so the difference is wall time spent in the pipeline —
/// including, for a decision taken on a timer (the selector's slate), the wait for that timer.
///
/// Admission stamps are kept in the stage meter's ``AdmissionRing``; an order whose tick has left
/// the ring is counted as ``untraced`` rather than guessed. Nothing is allocated per event.
public final class TickToOrderProbe: InputObserver {
    private var admissions = AdmissionRing()
    public private(set) var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000_000,
                                                          numberOfSignificantValueDigits: .three)
    public private(set) var untraced: UInt64 = 0

    public init() {}

    public var readsEventDigest: Bool { false }

    public func kernel(_ kernel: Kernel, admitted input: AdmittedInput) {
        // The live kernel's time is the wall clock: the admission time is the wall stamp.
        admissions.append(trace: input.traceID, simulatedTime: input.time, wallNanoseconds: input.time)
    }

    public func kernel(_ kernel: Kernel, emitted decision: RecordedDecision) {
        guard case .order(let order) = decision.message else { return }
        guard let admitted = admissions.admission(of: order.traceID)?.wallNanoseconds else {
            untraced &+= 1
            return
        }
        let now = WallClock.wallTime()
        _ = histogram.record(now > admitted ? now - admitted : 0)
    }

    /// Count, p50, p99, p99.9 and max; nil before the first order.
    public var percentiles: StageDistribution? {
        histogram.totalCount > 0 ? StageDistribution(histogram) : nil
    }
}
