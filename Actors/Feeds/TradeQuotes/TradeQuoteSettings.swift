import Kernel
import Messages

/// A file feed's `trade_quotes:` (docs/data.md, "Trades-only feeds"): whether its trades also
/// make quotes — a synthetic top of book per trade, from the trade's price and side and a spread
/// estimate — so that agents, the blender, the stale guards and the broker see a market where
/// the data has only trades.
public struct TradeQuoteSettings: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        /// For each symbol the file holds no quote for (a trades-only or price-only file).
        case auto
        /// For every symbol the file trades, quotes or not.
        case on
        /// Never: the trades reach the gate and the broker only.
        case off
    }

    public var mode: Mode
    /// The price grid's step as a decimal: `tickUnits` × 10^−`tickDecimals`; nil is one unit of
    /// each instrument's price precision.
    public var tickUnits: Int64?
    public var tickDecimals: Int
    /// The spread, in ticks, before Roll's estimate exists (the window not yet full) or when it
    /// has none (no negative serial covariance).
    public var fallbackSpreadTicks: Int64
    /// Roll's window, in pairs of consecutive price changes.
    public var rollWindow: Int
    /// The bid and ask sizes of a synthetic quote, in lots.
    public var quoteSize: Int64

    public init(mode: Mode = .auto, tickUnits: Int64? = nil, tickDecimals: Int = 0, fallbackSpreadTicks: Int64 = 1,
                rollWindow: Int = 100, quoteSize: Int64 = 1000) {
        self.mode = mode
        self.tickUnits = tickUnits
        self.tickDecimals = tickDecimals
        self.fallbackSpreadTicks = fallbackSpreadTicks
        self.rollWindow = rollWindow
        self.quoteSize = quoteSize
    }

    /// The default: synthetic quotes for symbols the file does not quote.
    public static let automatic = TradeQuoteSettings()

    /// The tick in an instrument's minor units (10^−precision); nil when the tick is finer than
    /// the precision (not a whole number of units) or not positive.
    public func tickMinorUnits(precision: Int) -> Int64? {
        guard let units = tickUnits else { return 1 }
        guard units > 0, tickDecimals <= precision else { return nil }
        var value = units
        for _ in 0..<(precision - tickDecimals) {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = product
        }
        return value
    }
}
