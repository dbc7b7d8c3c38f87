import Kernel

/// How an order meets the book.
public enum OrderType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// Takes liquidity at the touch now.
    case market = 1
    /// Rests at its limit price; fills when the market trades or quotes through it.
    case limit = 2
    /// A limit order pegged to our side's touch (bid for a buy, ask for a sell): it re-prices
    /// with the quote and keeps the queue position it can.
    case pegged = 3

    public var description: String {
        switch self {
        case .market: "market"
        case .limit: "limit"
        case .pegged: "pegged"
        }
    }

    init(wire raw: UInt8, offset: Int) throws(DecodingError) {
        guard let type = OrderType(rawValue: raw) else {
            throw DecodingError(offset: offset, message: "expected an order type (1 market, 2 limit, 3 pegged), found \(raw)")
        }
        self = type
    }
}
