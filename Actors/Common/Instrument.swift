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

    /// Converts `quantity × price` (price in this instrument's units) to currency minor units
    /// (cents), rounding half away from zero. Exact integer arithmetic; traps on overflow.
    public func notionalMinorUnits(quantity: Int64, price: Int64) -> Int64 {
        let (product, overflow) = quantity.multipliedReportingOverflow(by: price)
        precondition(!overflow, "notional overflow: \(quantity) × \(price)")
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
