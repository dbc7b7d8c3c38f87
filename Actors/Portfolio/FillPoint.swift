import Kernel

/// One applied fill, kept for the report's price chart (fills are rare next to quotes).
public struct FillPoint: Sendable, Equatable {
    public var time: Timestamp
    public var symbol: SymbolID
    public var side: Side
    public var price: Int64
    public var quantity: Int64
}
