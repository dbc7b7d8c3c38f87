#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `log((a + b) / 2)` of the last pair of integers asked about, kept for the next asker.
///
/// Components that handle the same message one after another often take the same logarithm of
/// it (every subscriber of a two-sided price wants the log of its midpoint). The kernel keeps one
/// memo for all its components (``KernelContext/memoizedLogMean(_:_:)``), so the first asker computes
/// it and the others read it.
///
/// It is a pure function's cache: the value for a sum `a + b` is the same whoever asks first, so
/// it cannot change a run (the initial entry, 0 ↦ −∞, is the function's own value at 0).
/// Kernel thread only, like every component's state.
public struct LogMeanMemo: Sendable {
    var sum: Int64 = 0
    var logMean = -Double.infinity

    public init() {}

    /// `log(Double(first + second) / 2)`, bit for bit what computing it here would give (and,
    /// like it, a trap if `first + second` overflows).
    /// - Complexity: O(1); one logarithm when the sum changed since the last call.
    @inline(__always)
    public mutating func logMean(_ first: Int64, _ second: Int64) -> Double {
        let newSum = first + second
        if newSum != sum {
            sum = newSum
            logMean = log(Double(newSum) / 2)
        }
        return logMean
    }
}
