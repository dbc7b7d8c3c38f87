import Kernel
import Messages

/// What one fill does to a position's cost basis under average cost.
///
/// A fill that adds to a position (or opens one) adds its notional to the open cost. A fill that
/// reduces it realizes (proceeds − the closed share of the open cost), before fees; on a flip,
/// the rest of the fill opens the new position at this fill's price. Splitting the fill's own
/// notional (not recomputing both parts) keeps every cent accounted for.
struct AverageCostFill: Sendable {
    /// PnL realized by the part of the fill that reduced the position, before fees; nil when the
    /// fill did not reduce it.
    let realizedMinorUnits: Int64?
    /// What the fill adds to the open position's cost basis (signed like the position).
    let openCostChangeMinorUnits: Int64

    /// - Parameters:
    ///   - positionLots: the signed position before the fill.
    ///   - openCostMinorUnits: its cost basis before the fill.
    ///   - signedLots: the fill's quantity, negative for a sell.
    ///   - notionalMinorUnits: `signedLots` × `price`, as the instrument values it.
    init(positionLots: Int64, openCostMinorUnits: Int64, signedLots: Int64, notionalMinorUnits: Int64,
         price: Int64, instrument: Instrument) {
        let reduces = positionLots != 0 && signedLots != 0 && (positionLots > 0) != (signedLots > 0)
        guard reduces else {
            realizedMinorUnits = nil
            openCostChangeMinorUnits = notionalMinorUnits
            return
        }
        let closedLots = min(abs(signedLots), abs(positionLots))
        let closingNotional = closedLots == abs(signedLots)
            ? notionalMinorUnits : instrument.notionalMinorUnits(quantity: -positionLots, price: price)
        let costOfClosed = Self.share(of: openCostMinorUnits, part: closedLots, whole: abs(positionLots))
        realizedMinorUnits = -closingNotional - costOfClosed
        openCostChangeMinorUnits = notionalMinorUnits - closingNotional - costOfClosed
    }

    /// `amount × part ÷ whole`, truncated toward zero, without overflowing the product.
    static func share(of amount: Int64, part: Int64, whole: Int64) -> Int64 {
        precondition(whole > 0 && part >= 0 && part <= whole)
        if part == whole { return amount }
        return whole.dividingFullWidth(amount.multipliedFullWidth(by: part)).quotient
    }
}
