/// One tradable instrument of the universe.
public struct Instrument: Sendable, Equatable {
    public var symbol: String
    public var sector: String
    /// Decimal places of the price: prices are integers in units of 10^-pricePrecision.
    public var pricePrecision: Int
    /// Orders are whole multiples of this many units.
    public var lotSize: Int64
    /// Names of the venues that list it (``VenueProfile/name``); empty: every venue. The router
    /// only prices and routes to these, and any other venue rejects its orders (symbol_not_listed).
    public var venues: [String]

    public init(symbol: String, sector: String, pricePrecision: Int, lotSize: Int64, venues: [String] = []) {
        self.symbol = symbol
        self.sector = sector
        self.pricePrecision = pricePrecision
        self.lotSize = lotSize
        self.venues = venues
    }

    /// True when the venue named `venueName` trades this instrument.
    public func isListed(at venueName: String) -> Bool { venues.isEmpty || venues.contains(venueName) }

    /// 10^pricePrecision: price units per currency unit.
    public var priceScale: Int64 {
        var scale: Int64 = 1
        for _ in 0..<pricePrecision { scale *= 10 }
        return scale
    }

    /// `notionalMinorUnits(quantity:price:)`, or nil when the product overflows or the value falls
    /// outside the valuation domain (``MarketBounds/maximumPositionValueMinorUnits``): what every
    /// actor valuing a quantity at a price from the market calls.
    public func checkedNotionalMinorUnits(quantity: Int64, price: Int64) -> Int64? {
        let (product, overflow) = quantity.multipliedReportingOverflow(by: price)
        let bound = UInt64(MarketBounds.maximumPositionValueMinorUnits)
        // At two decimals or fewer the value is the product scaled up, so the product is bounded
        // first; beyond, it is scaled down, and only the rounding's addition must not overflow.
        guard !overflow, product.magnitude <= (pricePrecision <= 2 ? bound : UInt64(Int64.max) / 2) else { return nil }
        let value = minorUnits(ofProduct: product)
        return value.magnitude <= bound ? value : nil
    }

    /// `notionalMinorUnits(quantity:price:)`, saturated at the valuation domain's bound: for a
    /// limit check or a report, where a value beyond the domain only needs to be "too large".
    public func saturatedNotionalMinorUnits(quantity: Int64, price: Int64) -> Int64 {
        let bound = MarketBounds.maximumPositionValueMinorUnits
        return checkedNotionalMinorUnits(quantity: quantity, price: price) ?? ((quantity > 0) == (price > 0) ? bound : -bound)
    }

    /// Converts `quantity × price` (price in this instrument's units) to currency minor units
    /// (cents), rounding half away from zero. Exact integer arithmetic; traps on overflow — for
    /// values already known to be in the valuation domain (see ``checkedNotionalMinorUnits(quantity:price:)``).
    public func notionalMinorUnits(quantity: Int64, price: Int64) -> Int64 {
        let (product, overflow) = quantity.multipliedReportingOverflow(by: price)
        precondition(!overflow, "notional overflow: \(quantity) × \(price)")
        return minorUnits(ofProduct: product)
    }

    /// `quantity × price` in minor units, from the product: scaled up by 10^(2 − precision) or
    /// down by 10^(precision − 2), rounding half away from zero.
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
