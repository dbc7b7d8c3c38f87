import Kernel
import Messages

/// What the Technical agent's indicators say after one closed bar. Every score is in [−1, 1],
/// positive meaning "expect the price to rise".
public struct TechnicalReading: Sendable, Equatable {
    /// MACD line (EMA fast − EMA slow) in units of ATR, squashed by tanh: trend direction and strength.
    public var macdScore: Double
    /// Donchian breakout: +1 at or above the prior channel's high, −1 at or below its low, and the
    /// position within the channel (scaled to ±0.5) in between.
    public var donchianScore: Double
    /// Supertrend direction: +1 up, −1 down.
    public var supertrendDirection: Double
    /// Mean reversion from RSI and Bollinger %b: negative when overbought, positive when oversold.
    public var meanReversionScore: Double
    /// Average directional index (0–100): how strongly the market trends.
    public var adx: Double
    /// Weight of the trend-following scores, from ADX: 0 below ADX 20, 1 above ADX 30.
    public var trendWeight: Double

    // The indicator values behind the scores, journaled with the signal (``IndicatorValue``).
    /// Wilder RSI, 0–100.
    public var rsi = 50.0
    /// MACD line, EMA(fast) − EMA(slow) of the close, in price units.
    public var macd = 0.0
    /// Bollinger %b of the close (0 on the lower band, 1 on the upper).
    public var percentB = 0.5
    /// Wilder average true range over the ADX period, in price units.
    public var atr = 0.0
    /// The channel of the bars before this one: highest high and lowest low.
    public var donchianUpper = 0.0
    public var donchianLower = 0.0
    /// The Supertrend line: its lower band in an uptrend, its upper band in a downtrend.
    public var supertrend = 0.0

    public init(macdScore: Double, donchianScore: Double, supertrendDirection: Double, meanReversionScore: Double, adx: Double,
                trendWeight: Double) {
        self.macdScore = macdScore
        self.donchianScore = donchianScore
        self.supertrendDirection = supertrendDirection
        self.meanReversionScore = meanReversionScore
        self.adx = adx
        self.trendWeight = trendWeight
    }

    /// Every indicator value, in ``IndicatorValue/Kind`` order.
    public func forEachIndicator(_ body: (IndicatorValue.Kind, Double) -> Void) {
        body(.rsi, rsi)
        body(.macd, macd)
        body(.percentB, percentB)
        body(.atr, atr)
        body(.donchianUpper, donchianUpper)
        body(.donchianLower, donchianLower)
        body(.supertrend, supertrend)
        body(.supertrendDirection, supertrendDirection)
        body(.adx, adx)
    }

    /// The blend: trend-following when ADX says the market trends, mean reversion when it ranges.
    public var composite: Double {
        let trend = (macdScore + donchianScore + supertrendDirection) / 3
        return trendWeight * trend + (1 - trendWeight) * meanReversionScore
    }

    /// 1 = trending (ADX ≥ 25), 2 = ranging.
    public var regime: UInt8 { adx >= 25 ? 1 : 2 }
}
