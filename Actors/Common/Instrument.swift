import Kernel

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
    /// Currency units of the instrument's currency per price unit and unit of quantity: 50 for
    /// an E-mini S&P 500 future (one lot at 1640.00 is worth 82,000 USD), 1 for a share.
    public var multiplier: Int64
    /// The instrument's valuation in the account currency: its currency and the fixed rate that
    /// converts it (``FXRate``); `nil` when it is priced in the account currency.
    public var currency: InstrumentCurrency?
    /// When it trades (``TradingSessions``); nil: always — no session or holiday is declared.
    public var sessions: TradingSessions?

    public init(symbol: String, sector: String, pricePrecision: Int, lotSize: Int64, venues: [String] = [],
                multiplier: Int64 = 1, currency: InstrumentCurrency? = nil, sessions: TradingSessions? = nil) {
        precondition(multiplier >= 1 && multiplier <= Instrument.maximumMultiplier, "multiplier \(multiplier) outside 1…10⁶")
        self.symbol = symbol
        self.sector = sector
        self.pricePrecision = pricePrecision
        self.lotSize = lotSize
        self.venues = venues
        self.multiplier = multiplier
        self.currency = currency
        self.sessions = sessions
    }

    /// The largest contract multiplier: with a rate of at most 10⁴ (``InstrumentCurrency``) every
    /// product of a 64-bit notional by both fits in 128 bits.
    public static let maximumMultiplier: Int64 = 1_000_000

    /// True when a price × quantity is worth itself in the account currency (multiplier 1, no
    /// conversion): the common case, valued without 128-bit arithmetic.
    @inline(__always)
    public var isPlainValue: Bool { multiplier == 1 && currency == nil }

    /// True when a quote stamped `quoteTime` is older than `limit` at `time`. With sessions only
    /// session time counts: a quote from the last minute before the close is not stale at the
    /// next open, and no quote goes stale outside the session.
    @inline(__always)
    public func isStale(quoteTime: Timestamp, at time: Timestamp, after limit: DurationNanoseconds) -> Bool {
        guard time > quoteTime else { return false }
        guard let sessions else { return time - quoteTime > limit }
        return sessions.sessionTime(from: quoteTime, to: time, exceeds: limit)
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
        if !isPlainValue {
            guard !overflow else { return nil }
            let value = scaledMinorUnits(ofProduct: product)
            return value.magnitude <= UInt128(bound) ? Int64(value) : nil
        }
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

    /// Converts `quantity × price × multiplier` (price in this instrument's units and currency) to
    /// the account currency's minor units (cents) at the instrument's rate, rounding half away
    /// from zero. Exact integer arithmetic; traps on overflow — for values already known to be in
    /// the valuation domain (see ``checkedNotionalMinorUnits(quantity:price:)``).
    public func notionalMinorUnits(quantity: Int64, price: Int64) -> Int64 {
        let (product, overflow) = quantity.multipliedReportingOverflow(by: price)
        precondition(!overflow, "notional overflow: \(quantity) × \(price)")
        if !isPlainValue {
            let value = scaledMinorUnits(ofProduct: product)
            precondition(value.magnitude <= UInt128(Int64.max), "notional overflow: \(quantity) × \(price) × \(multiplier)")
            return Int64(value)
        }
        return minorUnits(ofProduct: product)
    }

    /// `quantity × price` × multiplier × rate in the account's minor units, from the product:
    /// exact in 128 bits (|product| < 2⁶³, multiplier ≤ 10⁶, rate ≤ 10¹² in 10⁻⁸), divided by
    /// 10^(precision + 6) — the price's decimals, less the minor units' two, plus the rate's eight —
    /// rounding half away from zero.
    private func scaledMinorUnits(ofProduct product: Int64) -> Int128 {
        let rate = Int128(currency?.rate.hundredMillionths ?? FXRate.one.hundredMillionths)
        let scaled = Int128(product) * Int128(multiplier) * rate
        var divisor: Int128 = 1
        for _ in 0..<(pricePrecision + 6) { divisor *= 10 }
        let magnitude = (scaled.magnitude + UInt128(divisor / 2)) / UInt128(divisor)
        return scaled < 0 ? -Int128(magnitude) : Int128(magnitude)
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
