import Kernel

/// Index of an instrument in the scenario's universe (0-based, in declaration order).
public typealias SymbolID = UInt32

/// Buy or sell.
public enum Side: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case buy = 1
    case sell = 2

    /// +1 for a buy, −1 for a sell: the sign a fill applies to the position.
    public var sign: Int64 { self == .buy ? 1 : -1 }

    public var description: String { self == .buy ? "buy" : "sell" }

    init(wire raw: UInt8, offset: Int) throws(DecodingError) {
        guard let side = Side(rawValue: raw) else {
            throw DecodingError(offset: offset, message: "expected a side (1 buy, 2 sell), found \(raw)")
        }
        self = side
    }
}
