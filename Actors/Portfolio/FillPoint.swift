import Kernel
import Messages

/// One applied fill, kept for the report's price chart and PnL attribution (fills are rare next to quotes).
public struct FillPoint: Sendable, Equatable, TimeStamped {
    public var time: Timestamp
    public var symbol: SymbolID
    public var side: Side
    public var price: Int64
    public var quantity: Int64
    /// The fill's fee in minor units (negative: a rebate).
    public var feeMinorUnits: Int64
    /// The trace id of the order it filled: it leads to the decision behind it.
    public var traceID: UInt64

    public init(time: Timestamp, symbol: SymbolID, side: Side, price: Int64, quantity: Int64, feeMinorUnits: Int64 = 0, traceID: UInt64 = 0) {
        self.time = time
        self.symbol = symbol
        self.side = side
        self.price = price
        self.quantity = quantity
        self.feeMinorUnits = feeMinorUnits
        self.traceID = traceID
    }
}
