import Kernel
import Messages

extension SimulatedVenue {
    /// notional × microBasisPoints / 10¹⁰ (10 000 basis points × 10⁶) plus what was carried,
    /// rounded half away from zero to whole minor units; the remainder (at most half a minor unit,
    /// in 10⁻¹⁰ minor units) stays in `carry`, so the fees charged never drift from those owed.
    /// Exact: 128-bit products, integer division.
    static func feeMinorUnits(notional: Int64, microBasisPoints: Int64, carry: inout Int128) -> Int64 {
        let owed = Int128(notional) * Int128(microBasisPoints) + carry
        let divisor: Int128 = 10_000_000_000
        let magnitude = (owed.magnitude + UInt128(divisor / 2)) / UInt128(divisor)
        let fee = owed < 0 ? -Int128(magnitude) : Int128(magnitude)  // ≤ |notional| + 1: fees are at most 10 000 bp
        carry = owed - fee * divisor
        return Int64(fee)
    }
}
