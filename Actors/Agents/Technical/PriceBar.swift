import Kernel
import Messages

/// One time bar of a symbol's mid price: open, high, low, close (in price units).
public struct PriceBar: Sendable, Equatable {
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double

    public init(open: Double, high: Double, low: Double, close: Double) {
        self.open = open
        self.high = high
        self.low = low
        self.close = close
    }

    init(price: Double) {
        self.init(open: price, high: price, low: price, close: price)
    }

    mutating func add(_ price: Double) {
        high = max(high, price)
        low = min(low, price)
        close = price
    }
}
