/// How an instrument's quantity at a price is worth money in the account currency: its price
/// precision, contract multiplier and conversion rate. A plain value with no reference inside, so
/// the books copy it freely on the per-quote path.
public struct InstrumentValuation: Sendable, Equatable {
    /// Decimal places of the price.
    public let pricePrecision: Int
    /// Currency units per price unit and unit of quantity (``Instrument/multiplier``).
    public let multiplier: Int64
    /// Account currency per unit of the instrument's, in 10⁻⁸ (10⁸: the same currency).
    public let rateHundredMillionths: Int64
    /// Multiplier 1 and rate 1: valued without 128-bit arithmetic.
    public let isPlain: Bool

    public init(pricePrecision: Int, multiplier: Int64 = 1, rateHundredMillionths: Int64 = FXRate.one.hundredMillionths) {
        self.pricePrecision = pricePrecision
        self.multiplier = multiplier
        self.rateHundredMillionths = rateHundredMillionths
        isPlain = multiplier == 1 && rateHundredMillionths == FXRate.one.hundredMillionths
    }

    init(_ instrument: Instrument) {
        self.init(pricePrecision: instrument.pricePrecision, multiplier: instrument.multiplier,
                  rateHundredMillionths: instrument.currency?.rate.hundredMillionths ?? FXRate.one.hundredMillionths)
    }

    /// `notionalMinorUnits(quantity:price:)`, or nil when the product overflows or the value falls
    /// outside the valuation domain (``MarketBounds/maximumPositionValueMinorUnits``).
    @inline(__always)
    public func checkedNotionalMinorUnits(quantity: Int64, price: Int64) -> Int64? {
        let (product, overflow) = quantity.multipliedReportingOverflow(by: price)
        let bound = UInt64(MarketBounds.maximumPositionValueMinorUnits)
        if !isPlain { return overflow ? nil : checkedScaledMinorUnits(ofProduct: product) }
        // At two decimals or fewer the value is the product scaled up, so the product is bounded
        // first; beyond, it is scaled down, and only the rounding's addition must not overflow.
        guard !overflow, product.magnitude <= (pricePrecision <= 2 ? bound : UInt64(Int64.max) / 2) else { return nil }
        let value = minorUnits(ofProduct: product)
        return value.magnitude <= bound ? value : nil
    }

    /// `notionalMinorUnits(quantity:price:)`, saturated at the valuation domain's bound.
    @inline(__always)
    public func saturatedNotionalMinorUnits(quantity: Int64, price: Int64) -> Int64 {
        let bound = MarketBounds.maximumPositionValueMinorUnits
        return checkedNotionalMinorUnits(quantity: quantity, price: price) ?? ((quantity > 0) == (price > 0) ? bound : -bound)
    }

    /// `quantity × price × multiplier` in the account currency's minor units at the rate, rounding
    /// half away from zero; traps on overflow.
    public func notionalMinorUnits(quantity: Int64, price: Int64) -> Int64 {
        let (product, overflow) = quantity.multipliedReportingOverflow(by: price)
        precondition(!overflow, "notional overflow: \(quantity) × \(price)")
        if !isPlain {
            let value = scaledMinorUnits(ofProduct: product)
            precondition(value.magnitude <= UInt128(Int64.max), "notional overflow: \(quantity) × \(price) × \(multiplier)")
            return Int64(value)
        }
        return minorUnits(ofProduct: product)
    }

    /// ``scaledMinorUnits(ofProduct:)`` within the valuation domain, else nil. Out of line: the
    /// plain valuation stays small enough to inline into every caller.
    @inline(never)
    private func checkedScaledMinorUnits(ofProduct product: Int64) -> Int64? {
        let value = scaledMinorUnits(ofProduct: product)
        return value.magnitude <= UInt128(MarketBounds.maximumPositionValueMinorUnits) ? Int64(value) : nil
    }

    /// `quantity × price` × multiplier × rate in the account's minor units, from the product:
    /// exact in 128 bits (|product| < 2⁶³, multiplier ≤ 10⁶, rate ≤ 10¹² in 10⁻⁸), divided by
    /// 10^(precision + 6) — the price's decimals, less the minor units' two, plus the rate's eight —
    /// rounding half away from zero.
    private func scaledMinorUnits(ofProduct product: Int64) -> Int128 {
        let scaled = Int128(product) * Int128(multiplier) * Int128(rateHundredMillionths)
        var divisor: Int128 = 1
        for _ in 0..<(pricePrecision + 6) { divisor *= 10 }
        let magnitude = (scaled.magnitude + UInt128(divisor / 2)) / UInt128(divisor)
        return scaled < 0 ? -Int128(magnitude) : Int128(magnitude)
    }

    /// `quantity × price` in minor units, from the product: scaled up by 10^(2 − precision) or
    /// down by 10^(precision − 2), rounding half away from zero.
    @inline(__always)
    private func minorUnits(ofProduct product: Int64) -> Int64 {
        if pricePrecision <= 2 {
            var scale: Int64 = 1
            for _ in pricePrecision..<2 { scale *= 10 }
            return product * scale
        }
        var divisor: Int64 = 1
        for _ in 2..<pricePrecision { divisor *= 10 }
        let half = divisor / 2
        return product >= 0 ? (product + half) / divisor : -((-product + half) / divisor)
    }
}
