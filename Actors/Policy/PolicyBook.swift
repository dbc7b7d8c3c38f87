import Foundation
import Kernel
import Messages

/// What a policy stage knows of the account and the market between two decisions: cash and its
/// symbol's position (from the portfolio), the mark, the target it asked for, and the interval's
/// running figures the reward is made of.
struct PolicyBook {
    let initialCashMinorUnits: Int64
    var cashMinorUnits: Int64
    /// Signed lots held (the portfolio's figure).
    var position: Int64 = 0
    /// Signed lots asked for, less what a gate cut or a venue refused.
    var target: Int64 = 0
    var lastMid: Int64 = 0
    var spreadShare = 0.0
    var forecastScore = 0.0
    var startTime: Timestamp = 0
    /// The mid when the position's side was last set, for the open position's return.
    var entryMid: Int64 = 0
    // The interval since the last decision:
    var feesSinceDecisionMinorUnits: Int64 = 0
    var heldDuringInterval = false
    var tradedAtDecision = false
    var midAtDecision: Int64 = 0
    var equityAtDecisionMinorUnits: Int64
    var drawdownAtDecision = 0.0
    var peakEquityMinorUnits: Int64

    init(initialCashMinorUnits: Int64) {
        self.initialCashMinorUnits = initialCashMinorUnits
        cashMinorUnits = initialCashMinorUnits
        equityAtDecisionMinorUnits = initialCashMinorUnits
        peakEquityMinorUnits = initialCashMinorUnits
    }

    mutating func mark(_ quote: Quote) {
        lastMid = quote.midPrice
        spreadShare = lastMid > 0 ? Double(quote.askPrice - quote.bidPrice) / Double(lastMid) : 0
    }

    /// Cash plus the position at the mark, in minor units.
    func equityMinorUnits(_ instrument: Instrument) -> Int64 {
        cashMinorUnits + (position == 0 ? 0 : instrument.saturatedNotionalMinorUnits(quantity: position, price: lastMid))
    }

    /// The open position's return since its side was set, signed by the side.
    var openReturn: Double {
        guard position != 0, entryMid > 0 else { return 0 }
        return (position > 0 ? 1 : -1) * (Double(lastMid) / Double(entryMid) - 1)
    }
}
