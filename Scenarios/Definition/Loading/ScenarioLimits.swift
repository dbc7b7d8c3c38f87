import Actors
import Kernel
import Messages
import Yams

/// The bounds that keep a valid scenario safe to run: past them, integer arithmetic in the
/// pipeline could overflow, or a run could do work without end. Each error names the key, the
/// bound and why; docs/scenarios.md tables them.
///
/// Money is 64-bit integers (Int64.max ≈ 9.2·10^18). Cash starts at most at 10^15 minor units; one
/// unit of an instrument is worth at most 10^12 minor units; a simple-trader order at most 10^13,
/// the valuation domain every actor holds positions, orders and fills to (`MarketBounds`), so a
/// valid scenario's first order can fill.
enum ScenarioLimits {
    /// `account.initial_cash`: 10^13 currency units (10^15 minor units).
    static let maximumCashMinorUnits: Int64 = 1_000_000_000_000_000
    /// `feeds[].initial_price` in the instrument's price units (10^-price_precision).
    static let maximumPriceUnits: Int64 = 1_000_000_000_000
    /// The value of one unit at the initial price, in the account's minor units (what a price
    /// at precision 0 or 1 is multiplied to).
    static let maximumUnitNotionalMinorUnits: Int64 = 1_000_000_000_000
    /// `trader.quantity × lot_size × initial_price`, in minor units: one order at the start.
    static let maximumOrderNotionalMinorUnits: Int64 = MarketBounds.maximumPositionValueMinorUnits
    /// Lots, sizes and quantities: 10^9 keeps `quantity × lot_size` and any size sum far from overflow.
    static let maximumCount: Int64 = 1_000_000_000

    /// Symbols of the universe: every actor keeps per-symbol state.
    static let maximumSymbols = 100_000
    /// Symbols of a `synthetic` feed: its correlated shocks cost symbols² per step and its
    /// correlation factor symbols² numbers (32 MB at 2,000).
    static let maximumSyntheticSymbols = 2_000
    /// The shortest period of any timer (feed intervals, blender evaluations, selector slates,
    /// sizer samples, router slices, technical bars): 1 ms.
    static let minimumTimerNanoseconds: DurationNanoseconds = 1_000_000
    /// Timer firings × symbols over the run, per timer (like the quotes of a feed): 2·10^9.
    static let maximumWorkItems = 2_000_000_000.0
    /// `selector.correlation_window × symbols`: the selector keeps that many returns (80 MB at 10^7).
    static let maximumCorrelationCells = 10_000_000
    /// `feeds[].guard.window`: accepted prices per symbol the input defense judges a quote against
    /// (the median and the MAD walk it on a suspicious quote).
    static let maximumGuardWindow = 1_000
    /// `feeds[].guard.window × symbols`: the input defense keeps two copies of each window (160 MB at 10^7).
    static let maximumGuardWindowCells = 10_000_000
    /// A forecast horizon: forecasts are held until it passes, so the longest is a year and a day.
    static let maximumHorizonNanoseconds: DurationNanoseconds = 366 * TimeUnits.nanosecondsPerDay
    /// `jump_intensity` (jumps per symbol per trading year): each jump is drawn one by one.
    static let maximumJumpIntensity = 1_000.0

    /// A timer's period, at least ``minimumTimerNanoseconds``.
    static func period(_ node: Node, _ what: String, file: String) throws(ScenarioError) -> DurationNanoseconds {
        let value = try ScalarReader(file: file).duration(node, what)
        guard value >= minimumTimerNanoseconds else {
            throw StrictMapping.error(file, node, "\(what) must be at least 1ms, found \(value == 0 ? "0" : DurationText.format(value))",
                                      hint: "the shortest period of any timer is 1ms: below it a run does millions of steps per simulated second (e.g. \(what.split(separator: ".").last ?? ""): 1m)")
        }
        return value
    }

    /// Refuses a timer that would fire, over the run, more than ``maximumWorkItems`` times per symbol in total.
    static func checkWork(_ what: String, period: DurationNanoseconds, symbols: Int, runNanoseconds: DurationNanoseconds,
                          node: Node, unit: String, file: String) throws(ScenarioError) {
        let items = Double(runNanoseconds) / Double(period) * Double(symbols)
        guard items <= maximumWorkItems else {
            throw StrictMapping.error(file, node, "\(what) would make \(DecimalText.grouped(UInt64(items))) \(unit) (every \(DurationText.format(period)) × \(symbols) symbols over \(DurationText.format(runNanoseconds)))",
                                      hint: "at most 2,000,000,000 \(unit) per run: use a longer \(what.split(separator: ".").last ?? "interval"), fewer symbols or a shorter duration")
        }
    }
}
