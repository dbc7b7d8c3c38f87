import Kernel
import Messages

/// One tradable instrument of the universe.
public struct Instrument: Sendable, Equatable {
    public var symbol: String
    public var sector: String
    /// Decimal places of the price: prices are integers in units of 10^-pricePrecision.
    public var pricePrecision: Int { didSet { valuation = InstrumentValuation(self) } }
    /// Orders are whole multiples of this many units.
    public var lotSize: Int64
    /// Names of the venues that list it (``VenueProfile/name``); empty: every venue. The router
    /// only prices and routes to these, and any other venue rejects its orders (symbol_not_listed).
    public var venues: [String]
    /// Currency units of the instrument's currency per price unit and unit of quantity: 50 for
    /// an E-mini S&P 500 future (one lot at 1640.00 is worth 82,000 USD), 1 for a share.
    public var multiplier: Int64 { didSet { valuation = InstrumentValuation(self) } }
    /// The instrument's valuation in the account currency: its currency and the fixed rate that
    /// converts it (``FXRate``); `nil` when it is priced in the account currency.
    public var currency: InstrumentCurrency? { didSet { valuation = InstrumentValuation(self) } }
    /// Precision, multiplier and rate, kept beside the rest in one plain value: what the per-quote
    /// valuations read, without touching (or copying) the instrument's strings and arrays.
    public private(set) var valuation: InstrumentValuation
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
        valuation = InstrumentValuation(pricePrecision: pricePrecision, multiplier: multiplier,
                                        rateHundredMillionths: currency?.rate.hundredMillionths ?? FXRate.one.hundredMillionths)
    }

    /// The largest contract multiplier: with a rate of at most 10⁴ (``InstrumentCurrency``) every
    /// product of a 64-bit notional by both fits in 128 bits.
    public static let maximumMultiplier: Int64 = 1_000_000

    /// True when a price × quantity is worth itself in the account currency (multiplier 1, no
    /// conversion): the common case, valued without 128-bit arithmetic.
    public var isPlainValue: Bool { valuation.isPlain }

    /// True when a quote stamped `quoteTime` is older than `limit` at `time`. With sessions only
    /// session time counts: a quote from the last minute before the close is not stale at the
    /// next open, and no quote goes stale outside the session.
    @inline(__always)
    public func isStale(quoteTime: Timestamp, at time: Timestamp, after limit: DurationNanoseconds) -> Bool {
        TradingSessions.isStale(quoteTime: quoteTime, at: time, after: limit, sessions: sessions)
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
    @inline(__always)
    public func checkedNotionalMinorUnits(quantity: Int64, price: Int64) -> Int64? {
        valuation.checkedNotionalMinorUnits(quantity: quantity, price: price)
    }

    /// `notionalMinorUnits(quantity:price:)`, saturated at the valuation domain's bound: for a
    /// limit check or a report, where a value beyond the domain only needs to be "too large".
    @inline(__always)
    public func saturatedNotionalMinorUnits(quantity: Int64, price: Int64) -> Int64 {
        valuation.saturatedNotionalMinorUnits(quantity: quantity, price: price)
    }

    /// Converts `quantity × price × multiplier` (price in this instrument's units and currency) to
    /// the account currency's minor units (cents) at the instrument's rate, rounding half away
    /// from zero. Exact integer arithmetic; traps on overflow — for values already known to be in
    /// the valuation domain (see ``checkedNotionalMinorUnits(quantity:price:)``).
    @inline(__always)
    public func notionalMinorUnits(quantity: Int64, price: Int64) -> Int64 {
        valuation.notionalMinorUnits(quantity: quantity, price: price)
    }
}
