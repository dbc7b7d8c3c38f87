/// Why the input defense refused a tick.
public enum QuarantineReason: String, Sendable, CaseIterable, Comparable {
    /// A price or a size ≤ 0.
    case nonPositive = "non_positive"
    /// Bid above ask.
    case crossed
    /// Exchange time earlier than the last accepted tick of the symbol.
    case outOfOrder = "out_of_order"
    /// Arrived longer after its exchange time than the staleness limit.
    case stale
    /// The mid price is an outlier against the recent window (Hampel identifier).
    case spike
    /// A value that is not a finite number (alternative data, model inputs).
    case notANumber = "nan"
    /// A price, size or value beyond ``MarketBounds``: later arithmetic on it could overflow.
    case outOfRange = "out_of_range"

    public static func < (lhs: QuarantineReason, rhs: QuarantineReason) -> Bool { lhs.rawValue < rhs.rawValue }
}
