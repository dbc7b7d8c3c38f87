import Kernel
import Messages
import Synchronization

/// Watches a live run from the kernel thread and publishes a few counters through atomics, so
/// the status line (another thread) can read them without touching the kernel.
public final class LiveMonitor: InputObserver, @unchecked Sendable {
    /// A consistent-enough reading of the counters (each is exact; they are read one by one).
    public struct Reading: Sendable {
        public var deliveries: UInt64
        public var inputs: UInt64
        /// Kernel time of the last admission (wall time in live mode).
        public var lastAdmission: Timestamp
        /// Exchange time of the last admitted quote or trade; 0 before the first.
        public var lastExchangeTime: Timestamp
        public var orders: UInt64
        public var fills: UInt64

        /// How far the feed's own timestamps lag admission, at the last tick.
        public var feedLagNanoseconds: Int64 {
            lastExchangeTime == 0 ? 0 : Int64(bitPattern: lastAdmission &- lastExchangeTime)
        }
    }

    private let deliveries = Atomic<UInt64>(0)
    private let inputs = Atomic<UInt64>(0)
    private let lastAdmission = Atomic<UInt64>(0)
    private let lastExchangeTime = Atomic<UInt64>(0)
    private let orders = Atomic<UInt64>(0)
    private let fills = Atomic<UInt64>(0)

    public init() {}

    public var reading: Reading {
        Reading(deliveries: deliveries.load(ordering: .relaxed), inputs: inputs.load(ordering: .relaxed),
                lastAdmission: lastAdmission.load(ordering: .relaxed), lastExchangeTime: lastExchangeTime.load(ordering: .relaxed),
                orders: orders.load(ordering: .relaxed), fills: fills.load(ordering: .relaxed))
    }

    public var readsEventDigest: Bool { false }

    public func kernel(_ kernel: Kernel, admitted input: AdmittedInput) {
        deliveries.store(input.deliveriesBefore, ordering: .relaxed)
        inputs.wrappingAdd(1, ordering: .relaxed)
        lastAdmission.store(input.time, ordering: .relaxed)
        switch input.message {
        case .quote(let quote): lastExchangeTime.store(quote.exchangeTime, ordering: .relaxed)
        case .trade(let trade): lastExchangeTime.store(trade.exchangeTime, ordering: .relaxed)
        default: break
        }
    }

    public func kernel(_ kernel: Kernel, emitted decision: RecordedDecision) {
        switch decision.message.tag {
        case .order: orders.wrappingAdd(1, ordering: .relaxed)
        case .fill: fills.wrappingAdd(1, ordering: .relaxed)
        default: break
        }
    }
}
