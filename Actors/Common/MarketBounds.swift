/// The largest market values any input may carry, checked where inputs enter (the live line
/// parser, the input defense) so that no later arithmetic on them can overflow.
///
/// Why these numbers: a quote's two prices are added (the mid), its two sizes are added and
/// subtracted (book imbalance), and prices are turned into `Double`. With prices ≤ 10^15 minor
/// units and sizes ≤ 10^12, every such sum stays far below `Int64.max` (≈ 9.2 × 10^18) and every
/// price is exact as a `Double` (< 2^53). The bounds are generous for real markets: 10^15 minor
/// units is ten trillion at two decimals, ten million at eight (a crypto price in satoshis).
public enum MarketBounds {
    /// A price above this many minor units (10^-pricePrecision) is out of range.
    public static let maximumPriceMinorUnits: Int64 = 1_000_000_000_000_000
    /// A quote, trade or bar size (volume) above this is out of range.
    public static let maximumSize: Int64 = 1_000_000_000_000
    /// An alternative-data value whose magnitude exceeds this is out of range: the models square
    /// and multiply these values, and 10^12 is far beyond any sentiment, spread or index level.
    public static let maximumAlternativeMagnitude: Double = 1e12

    /// The valuation domain: no position, order or fill is worth more than this many minor units
    /// of the account currency (10^11 currency units at two decimals).
    ///
    /// Why: a price in range times a quantity can still overflow `Int64` — a hostile feed may
    /// ramp a held symbol's price far past anything it was bought at. Every actor that values
    /// quantities at market prices checks the product against this bound first
    /// (``Instrument/checkedNotionalMinorUnits(quantity:price:)``) and refuses what falls outside:
    /// the books keep their last valuable mark, the gate engages its kill switch, the venue does not
    /// fill. With at most 10^5 symbols (the loader's bound) the books' sums of values stay below
    /// 10^18, and with equity capped by ``maximumEquityMinorUnits`` (the gate stops new risk
    /// beyond it) cash stays below 1.1 × 10^18: every sum the books keep fits in `Int64`.
    public static let maximumPositionValueMinorUnits: Int64 = 10_000_000_000_000
    /// Equity beyond this many minor units (10^15 currency units at two decimals; a scenario's cash
    /// starts at 10^15 minor units at most) engages the gate's kill switch: no new risk.
    public static let maximumEquityMinorUnits: Int64 = 100_000_000_000_000_000

    /// True when a price is positive and within ``maximumPriceMinorUnits``.
    @inline(__always)
    public static func isPriceInRange(_ price: Int64) -> Bool { price > 0 && price <= maximumPriceMinorUnits }

    /// True when a size is within `0...maximumSize`.
    @inline(__always)
    public static func isSizeInRange(_ size: Int64) -> Bool { size >= 0 && size <= maximumSize }

    /// True when a file's price is at most ``maximumPriceMinorUnits`` in magnitude: files keep a
    /// non-positive price for the input defense to quarantine, but nothing larger. `magnitude`,
    /// not `abs`, which traps on `Int64.min`.
    @inline(__always)
    public static func isPriceMagnitudeInRange(_ price: Int64) -> Bool { price.magnitude <= maximumPriceMinorUnits.magnitude }

    /// True when a file's size is at most ``maximumSize`` in magnitude (see ``isPriceMagnitudeInRange(_:)``).
    @inline(__always)
    public static func isSizeMagnitudeInRange(_ size: Int64) -> Bool { size.magnitude <= maximumSize.magnitude }
}
