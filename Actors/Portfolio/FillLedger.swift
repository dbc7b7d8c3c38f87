import Kernel
import Messages

/// A second, deliberately naive tally of the applied fills, kept apart from the portfolio's
/// bookkeeping so that the debug invariants compare two independent computations: a bug in the
/// average-cost path (a lost partial fill, a sign slip on a position flip) shows up as a position
/// or a cash balance that no longer matches the plain sum of what was filled.
struct FillLedger: Sendable {
    /// Σ signed filled lots per instrument (buys positive).
    private(set) var quantitySumsLots: [Int64]
    /// Σ (signed notional + fee): what the fills took out of the cash account.
    private(set) var cashOutflowMinorUnits: Int64 = 0

    init(instrumentCount: Int) {
        quantitySumsLots = Array(repeating: 0, count: instrumentCount)
    }

    /// Adds one applied fill. Recomputes the signed quantity from the side itself instead of
    /// reusing the portfolio's value.
    mutating func record(_ fill: Fill, instrument: Instrument) {
        let signedLots = fill.side == .buy ? fill.quantity : -fill.quantity
        quantitySumsLots[Int(fill.symbol)] += signedLots
        cashOutflowMinorUnits += instrument.notionalMinorUnits(quantity: signedLots, price: fill.price) + fill.feeMinorUnits
    }
}
