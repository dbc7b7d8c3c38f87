import Kernel
import Messages

/// The risk gate's judgement of one intent, as a pure function of the book and the limits:
/// the largest part of the trade (whole lots, same direction) that keeps every limit, and the
/// limits that bound it. A trade that only reduces a measure is never cut by that measure.
public enum GateCheck {
    /// The context of one judgement besides the book.
    public struct Situation: Sendable {
        public var killSwitchEngaged = false
        /// The day's loss passed the daily loss limit (``GateLimits/maximumDailyLoss``).
        public var dailyLossStopped = false
        /// The symbol's last quote is older than the stale limit.
        public var stale = false
        /// The reference price is outside the band around the last trade.
        public var outsideBand = false
        public var throttled = false
        public var coolingDown = false

        public init() {}
    }

    public static func evaluate(_ intent: Intent, book: GateBook, limits: GateLimits, situation: Situation) -> GateDecision {
        let index = Int(intent.symbol)
        func verdict(_ approved: Int64, _ reasons: GateReasons) -> GateDecision {
            let outcome: GateDecision.Outcome = approved == intent.quantity ? .approved : approved == 0 ? .rejected : .projected
            return GateDecision(symbol: intent.symbol, outcome: outcome, requestedQuantity: intent.quantity, approvedQuantity: approved,
                                reasons: reasons, traceID: intent.traceID)
        }
        guard index < book.committed.count, intent.quantity != 0, book.marks[index] > 0 else { return verdict(0, .invalid) }
        let lot = max(book.instruments[index].lotSize, 1)
        guard intent.quantity % lot == 0 else { return verdict(0, .lotSize) }
        let current = book.committed[index]
        let held = book.positions[index]
        // A reducing trade (toward flat, not through it) always passes: it only takes risk off. It
        // must reduce both the committed position and the one held now (an open order that is
        // later refused must not turn a "reduction" into new risk).
        func reduces(_ position: Int64) -> Bool { position != 0 && abs(position + intent.quantity) < abs(position) && (position + intent.quantity) * position >= 0 }
        if reduces(current) && reduces(held) { return verdict(intent.quantity, []) }
        var reasons: GateReasons = []
        if situation.stale { reasons.insert(.staleData) }
        if situation.outsideBand { reasons.insert(.priceBand) }
        if situation.throttled { reasons.insert(.throttle) }
        if situation.coolingDown { reasons.insert(.cooldown) }
        if situation.killSwitchEngaged || situation.dailyLossStopped {
            // Only the part that takes both positions toward flat passes.
            var towardFlat: Int64 = 0
            if current * intent.quantity < 0 && held * intent.quantity < 0 {
                towardFlat = (intent.quantity > 0 ? 1 : -1) * min(abs(current), abs(held), abs(intent.quantity))
            }
            if situation.killSwitchEngaged { reasons.insert(.killSwitch) }
            if situation.dailyLossStopped { reasons.insert(.dailyLoss) }
            return verdict(towardFlat, reasons)
        }
        guard reasons.isEmpty else { return verdict(0, reasons) }
        let direction: Int64 = intent.quantity > 0 ? 1 : -1
        // Every limit is monotone in the traded lots, so the largest feasible count is found by bisection.
        var low: Int64 = 0
        var high = abs(intent.quantity) / lot
        var binding = violations(direction * high * lot, index: index, book: book, limits: limits)
        if binding.isEmpty { return verdict(intent.quantity, []) }
        while low < high {
            let middle = (low + high + 1) / 2
            if violations(direction * middle * lot, index: index, book: book, limits: limits).isEmpty { low = middle } else { high = middle - 1 }
        }
        if low == 0 { binding = violations(direction * lot, index: index, book: book, limits: limits) }
        return verdict(direction * low * lot, binding)
    }

    /// The limits a trade of `quantity` lots on `index` would break (only those it makes worse).
    static func violations(_ quantity: Int64, index: Int, book: GateBook, limits: GateLimits) -> GateReasons {
        let equity = Double(book.equityMinorUnits)
        guard equity > 0 else { return .invalid }
        var reasons: GateReasons = []
        let tradeNotional = Double(abs(book.notional(index, quantity: quantity)))
        if tradeNotional * book.dailyVolatility[index] > limits.maximumTradeRisk * equity { reasons.insert(.tradeRisk) }
        let before = book.exposure(adding: 0, to: index)
        let after = book.exposure(adding: quantity, to: index)
        if after.gross > before.gross && Double(after.gross) > limits.maximumGross * equity { reasons.insert(.gross) }
        if after.net > before.net && Double(after.net) > limits.maximumNet * equity { reasons.insert(.net) }
        if after.sector > before.sector && Double(after.sector) > limits.maximumSector * equity { reasons.insert(.sector) }
        let position = book.committed[index] + quantity
        if abs(position) > abs(book.committed[index]) && abs(position) > limits.maximumPositionLots * max(book.instruments[index].lotSize, 1) {
            reasons.insert(.maxPosition)
        }
        return reasons
    }
}
