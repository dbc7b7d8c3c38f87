#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The log mid of the last quote asked about, kept for the next asker.
///
/// Every quote reaches the twelve agents, the blender and the selector one after another, and
/// each takes `log((bid + ask) / 2)` of it: fourteen logarithms of one number. The kernel keeps one memo for all its components (``Context/logMid(of:)``), so the
/// first asker computes it and the other thirteen read it.
///
/// It is a pure function's cache: the value for a `bid + ask` is the same whoever asks first,
/// so it cannot change a run (the initial entry, 0 ↦ −∞, is the function's own value at 0).
/// Kernel thread only, like every component's state.
public struct MidLogarithmMemo: Sendable {
    private var priceSum: Int64 = 0
    private var logMid = -Double.infinity

    public init() {}

    /// `log(Double(bid + ask) / 2)`, bit for bit what computing it here would give.
    /// - Complexity: O(1); one logarithm when the sum changed since the last call.
    @inline(__always)
    public mutating func logMid(bidPrice: Int64, askPrice: Int64) -> Double {
        let sum = bidPrice + askPrice
        if sum != priceSum {
            priceSum = sum
            logMid = log(Double(sum) / 2)
        }
        return logMid
    }
}
