import Actors
import Messages

/// A risk-gate check of this package's own (`gate.checks: [{ type: max-notional, limit: … }]`):
/// no symbol's committed position may be worth more than `limit` in the account's currency; an
/// intent that would pass it is cut to the lots that fit.
struct MaxNotional: CustomGateCheck {
    let limitMinorUnits: Int64

    func allowedQuantity(_ quantity: Int64, of intent: Intent, book: GateBook) -> Int64 {
        let index = Int(intent.symbol)
        let instrument = book.instruments[index]
        let lot = max(instrument.lotSize, 1)
        var allowed = quantity
        while allowed != 0 {
            let after = book.committed[index] + allowed
            if let worth = instrument.checkedNotionalMinorUnits(quantity: abs(after), price: book.marks[index]), worth <= limitMinorUnits {
                break
            }
            allowed -= allowed > 0 ? lot : -lot
        }
        return allowed
    }
}
