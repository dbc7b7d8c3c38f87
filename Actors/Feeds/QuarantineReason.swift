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

    /// A dense index (0 ..< allCases.count) in declaration order, for per-reason tables.
    public var ordinal: Int {
        switch self {
        case .nonPositive: 0
        case .crossed: 1
        case .outOfOrder: 2
        case .stale: 3
        case .spike: 4
        case .notANumber: 5
        case .outOfRange: 6
        }
    }

    public static func < (lhs: QuarantineReason, rhs: QuarantineReason) -> Bool { lhs.rawValue < rhs.rawValue }
}
