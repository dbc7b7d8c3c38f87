import Kernel
import Messages

/// The risk gate's hard limits (defaults: docs/execution.md, account 500 EUR). Fractions are of equity.
public struct GateLimits: Sendable, Equatable {
    /// A trade's 1σ daily move (|Δ notional| × σ_daily) ≤ this share of equity.
    public var maximumTradeRisk = 0.01
    /// Σ |position notional| ≤ this share of equity.
    public var maximumGross = 0.5
    /// |Σ position notional| ≤ this share of equity.
    public var maximumNet = 0.3
    /// Σ |position notional| within one sector ≤ this share of equity.
    public var maximumSector = 0.2
    /// A drawdown from the equity peak of this share engages the kill switch.
    public var maximumDrawdown = 0.05
    /// Orders approved in any rolling minute.
    public var maximumOrdersPerMinute = 60
    /// After an approval on a symbol, further intents on it wait this long.
    public var cooldownNanoseconds: DurationNanoseconds = 1_000_000_000
    /// The intent's reference price must be within this share of the last trade (or mid).
    public var priceBand = 0.05
    /// No new risk when the symbol's last quote is older than this.
    public var staleAfterNanoseconds: DurationNanoseconds = 5_000_000_000
    /// |position| per symbol, in lots.
    public var maximumPositionLots: Int64 = 1_000
    /// A loss of this share of the equity the trading day began with stops new risk for the rest
    /// of the day; the next session's open (the next UTC midnight without sessions) lifts it. Nil:
    /// no daily limit.
    public var maximumDailyLoss: Double?

    public init() {}
}
