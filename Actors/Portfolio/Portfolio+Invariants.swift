import Kernel
import Messages

/// The debug builds' check that the incremental book agrees with one derived from scratch.
extension Portfolio {
    /// Re-derives the book from scratch and compares: equity == cash + Σ position × mark; every
    /// position == Σ its signed fills; cash == initial − Σ (signed notional + fee); the sector
    /// exposures; equity − initial == realized + unrealized − fees.
    /// - Complexity: O(instruments + sectors) in debug builds; nothing in release builds.
    func checkInvariants() {
        #if DEBUG
        var recomputedPositionsValue: Int64 = 0
        var realized: Int64 = 0
        var unrealized: Int64 = 0
        for index in positions.indices {
            precondition(positions[index] == ledger.quantitySumsLots[index],
                         "position of \(instruments[index].symbol) is \(positions[index]) but its fills sum to \(ledger.quantitySumsLots[index])")
            let atMark = valueHeldAtDomainEdge[index] ? marketValuesMinorUnits[index] : valueAtMark(index)
            guard let value = atMark else { preconditionFailure("\(instruments[index].symbol) is valued outside the valuation domain") }
            precondition(value == marketValuesMinorUnits[index], "stale market value for \(instruments[index].symbol)")
            precondition(positions[index] != 0 || openCostMinorUnits[index] == 0, "a flat position keeps no cost")
            recomputedPositionsValue += value
            realized += realizedPnLMinorUnits[index]
            unrealized += value - openCostMinorUnits[index]
        }
        precondition(equityMinorUnits == cashMinorUnits + recomputedPositionsValue,
                     "equity \(equityMinorUnits) != cash \(cashMinorUnits) + positions \(recomputedPositionsValue)")
        precondition(cashMinorUnits == initialCashMinorUnits - ledger.cashOutflowMinorUnits,
                     "cash \(cashMinorUnits) != initial \(initialCashMinorUnits) − fills \(ledger.cashOutflowMinorUnits)")
        precondition(equityMinorUnits - initialCashMinorUnits == realized + unrealized - feesMinorUnits,
                     "equity change != realized + unrealized − fees")
        if let drift = exposures.drift(sectors: sectors, marketValuesMinorUnits: marketValuesMinorUnits) { preconditionFailure(drift) }
        #endif
    }
}
