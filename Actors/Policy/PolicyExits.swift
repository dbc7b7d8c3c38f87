import Foundation

/// The stop and the take-profit a policy's last decision set, as mid prices: σ multiples of one
/// interval's log return away from the mid at the decision (a long's stop below, its take-profit
/// above; a short's the other way). Crossing either flattens the position until the next decision.
struct PolicyExits {
    enum Exit { case stop, takeProfit }

    private(set) var direction: Int8 = 0
    private(set) var stopMid: Double?
    private(set) var takeProfitMid: Double?

    /// Sets the levels for a decision at `mid`; a multiple of 0, a flat direction or no volatility
    /// estimate yet (σ = 0) sets none.
    mutating func set(direction: Int8, mid: Double, sigma: Double, stopMultiple: Double, takeProfitMultiple: Double) {
        self.direction = direction
        let side = Double(direction)
        let usable = direction != 0 && sigma > 0
        stopMid = usable && stopMultiple > 0 ? mid * exp(-side * stopMultiple * sigma) : nil
        takeProfitMid = usable && takeProfitMultiple > 0 ? mid * exp(side * takeProfitMultiple * sigma) : nil
    }

    /// The level `mid` crossed, if any; both are cleared when one is.
    mutating func crossed(mid: Double) -> Exit? {
        guard direction != 0 else { return nil }
        let long = direction > 0
        let exit: Exit?
        if let stop = stopMid, long ? mid <= stop : mid >= stop {
            exit = .stop
        } else if let target = takeProfitMid, long ? mid >= target : mid <= target {
            exit = .takeProfit
        } else {
            exit = nil
        }
        if exit != nil { clear() }
        return exit
    }

    mutating func clear() {
        direction = 0
        stopMid = nil
        takeProfitMid = nil
    }
}
