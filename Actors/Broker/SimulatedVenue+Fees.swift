import Kernel
import Messages

extension SimulatedVenue {
    /// What one fill owes: notional × microBasisPoints / 10¹⁰ (10 000 basis points × 10⁶) plus
    /// lots × feePerContractMicroUnits / 10⁴ (10⁶ micro-units per currency unit, 100 minor units
    /// per currency unit), plus what was carried, rounded half away from zero to whole minor units.
    /// The remainder (at most half a minor unit, in 10⁻¹⁰ minor units) is the new carry, so the
    /// fees charged never drift from those owed. Exact: 128-bit products, integer division; nil
    /// when the fee falls outside the valuation domain (the fill is not made, nothing is carried).
    static func fee(notional: Int64, lots: Int64, microBasisPoints: Int64, perContractMicroUnits: Int64,
                    carry: Int128) -> (minorUnits: Int64, carry: Int128)? {
        let owed = Int128(notional) * Int128(microBasisPoints) + Int128(lots) * Int128(perContractMicroUnits) * 1_000_000 + carry
        let divisor: Int128 = 10_000_000_000
        let magnitude = (owed.magnitude + UInt128(divisor / 2)) / UInt128(divisor)
        guard magnitude <= UInt128(MarketBounds.maximumPositionValueMinorUnits) else { return nil }
        let fee = owed < 0 ? -Int128(magnitude) : Int128(magnitude)
        return (Int64(fee), owed - fee * divisor)
    }

}
