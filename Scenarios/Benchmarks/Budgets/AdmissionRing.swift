import Kernel
import Messages

/// The last ``capacity`` admitted inputs (ticks): trace id, simulated admission time and wall time
/// at admission, so that an order's trace id finds the tick behind it.
///
/// Inputs are admitted in trace order (ordinals and sequence numbers both grow), so the ring is sorted and a lookup is a binary search.
/// A tick older than the ring is not guessed: the lookup returns nil and the caller counts it.
/// Storage is allocated once; nothing is allocated per input.
public struct AdmissionRing {
    /// 65,536 ticks: about 90 simulated minutes of `calm-day`, far longer than any trace lives.
    public static let capacity = 1 << 16

    private var traces: [UInt64]
    private var simulatedTimes: [Timestamp]
    private var wallNanoseconds: [UInt64]
    /// Inputs appended so far; the newest is at `(count - 1) % capacity`.
    public private(set) var count = 0

    public init() {
        traces = Array(repeating: 0, count: AdmissionRing.capacity)
        simulatedTimes = Array(repeating: 0, count: AdmissionRing.capacity)
        wallNanoseconds = Array(repeating: 0, count: AdmissionRing.capacity)
    }

    /// - Precondition: `trace` is larger than every trace appended before.
    public mutating func append(trace: UInt64, simulatedTime: Timestamp, wallNanoseconds wall: UInt64) {
        let slot = count & (AdmissionRing.capacity - 1)
        assert(count == 0 || traces[(count - 1) & (AdmissionRing.capacity - 1)] < trace, "inputs are admitted in trace order")
        traces[slot] = trace
        simulatedTimes[slot] = simulatedTime
        wallNanoseconds[slot] = wall
        count += 1
    }

    /// The admission of the input with this trace id, if it is still in the ring.
    /// - Complexity: O(log capacity).
    public func admission(of trace: UInt64) -> (simulatedTime: Timestamp, wallNanoseconds: UInt64)? {
        var low = max(0, count - AdmissionRing.capacity)
        var high = count
        while low < high {
            let middle = (low + high) / 2
            let value = traces[middle & (AdmissionRing.capacity - 1)]
            if value == trace {
                let slot = middle & (AdmissionRing.capacity - 1)
                return (simulatedTimes[slot], wallNanoseconds[slot])
            }
            if value < trace { low = middle + 1 } else { high = middle }
        }
        return nil
    }
}
