import Messages

/// This package's own message type: a symbol's mid broke out to the high (+1) or the low (−1) of
/// its last `window` mids. ``RangeBreakoutModel`` sends it; ``BreakoutGuard`` receives it.
struct Breakout: PackageMessageType {
    /// Permanent, like a message tag: a changed layout would get a new id.
    static let typeID: UInt16 = 1
    static let typeName = "breakout"
    static let version: UInt16 = 1
    static let valueNames = ["direction", "range_width"]

    // The protocol's init(symbol:values:) is the memberwise one Swift writes for these two.
    var symbol: SymbolID
    var values: (Double, Double, Double, Double)
}

extension Breakout {
    init(symbol: SymbolID, direction: Double, rangeWidth: Double) {
        self.init(symbol: symbol, values: (direction, rangeWidth, 0, 0))
    }

    var direction: Double { values.0 }
}
