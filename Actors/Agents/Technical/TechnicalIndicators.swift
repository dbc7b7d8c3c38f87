#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Technical agent's indicators for one symbol, updated once per closed bar:
/// EMA/MACD trend, Donchian breakout, RSI and Bollinger mean reversion, ADX, and Supertrend
/// (textbook definitions, Wilder smoothing for ATR, RSI and ADX; docs/agents.md).
public struct TechnicalIndicators: Sendable {
    public struct Periods: Sendable, Equatable {
        public var macdFast = 12
        public var macdSlow = 26
        public var channel = 20
        public var rsi = 14
        public var bollinger = 20
        public var adx = 14
        public var supertrendATR = 10
        public var supertrendMultiplier = 3.0

        public init() {}

        /// Bars before the first reading: every indicator has filled its window.
        public var warmUpBars: Int { max(macdSlow, channel + 1, rsi + 1, bollinger, 2 * adx, supertrendATR + 1) }
    }

    public let periods: Periods
    private var bars = 0
    private var previous: PriceBar?
    private var emaFast = 0.0
    private var emaSlow = 0.0
    private var highs: RollingWindow
    private var lows: RollingWindow
    private var closes: RollingWindow
    private var gains: WilderAverage
    private var losses: WilderAverage
    private var trueRange: WilderAverage
    private var plusMove: WilderAverage
    private var minusMove: WilderAverage
    private var directional: WilderAverage
    private var supertrendRange: WilderAverage
    private var upperBand = Double.infinity
    private var lowerBand = -Double.infinity
    private var direction = 1.0

    public init(periods: Periods = Periods()) {
        precondition(periods.macdFast >= 1 && periods.macdSlow > periods.macdFast)
        self.periods = periods
        highs = RollingWindow(capacity: periods.channel)
        lows = RollingWindow(capacity: periods.channel)
        closes = RollingWindow(capacity: periods.bollinger)
        gains = WilderAverage(period: periods.rsi)
        losses = WilderAverage(period: periods.rsi)
        trueRange = WilderAverage(period: periods.adx)
        plusMove = WilderAverage(period: periods.adx)
        minusMove = WilderAverage(period: periods.adx)
        directional = WilderAverage(period: periods.adx)
        supertrendRange = WilderAverage(period: periods.supertrendATR)
    }

    /// Updates every indicator with a closed bar; returns a reading once warmed up.
    public mutating func close(_ bar: PriceBar) -> TechnicalReading? {
        defer {
            previous = bar
            bars += 1
        }
        guard let previous else {
            emaFast = bar.close
            emaSlow = bar.close
            closes.add(bar.close)
            highs.add(bar.high)
            lows.add(bar.low)
            return nil
        }
        emaFast += 2 / Double(periods.macdFast + 1) * (bar.close - emaFast)
        emaSlow += 2 / Double(periods.macdSlow + 1) * (bar.close - emaSlow)
        let change = bar.close - previous.close
        gains.add(max(change, 0))
        losses.add(max(-change, 0))
        let range = max(bar.high - bar.low, abs(bar.high - previous.close), abs(bar.low - previous.close))
        trueRange.add(range)
        supertrendRange.add(range)
        let up = bar.high - previous.high
        let down = previous.low - bar.low
        plusMove.add(up > down && up > 0 ? up : 0)
        minusMove.add(down > up && down > 0 ? down : 0)
        if trueRange.isReady && trueRange.value > 0 {
            let plus = 100 * plusMove.value / trueRange.value
            let minus = 100 * minusMove.value / trueRange.value
            directional.add(plus + minus > 0 ? 100 * abs(plus - minus) / (plus + minus) : 0)
        }
        let channelUpper = highs.maximum
        let channelLower = lows.minimum
        let breakout = donchian(close: bar.close, upper: channelUpper, lower: channelLower)
        highs.add(bar.high)
        lows.add(bar.low)
        closes.add(bar.close)
        let trend = supertrend(bar, previousClose: previous.close)
        guard bars + 1 >= periods.warmUpBars, directional.isReady, trueRange.value > 0 else { return nil }
        let macdLine = emaFast - emaSlow
        let macd = tanh(macdLine / trueRange.value)
        let weight = min(max((directional.value - 20) / 10, 0), 1)
        let rsi = relativeStrength
        let percentB = bollingerPercentB(close: bar.close)
        var reading = TechnicalReading(macdScore: macd, donchianScore: breakout, supertrendDirection: trend,
                                       meanReversionScore: meanReversion(rsi: rsi, percentB: percentB), adx: directional.value,
                                       trendWeight: weight)
        reading.rsi = rsi
        reading.macd = macdLine
        reading.percentB = percentB
        reading.atr = trueRange.value
        reading.donchianUpper = channelUpper
        reading.donchianLower = channelLower
        reading.supertrend = trend > 0 ? lowerBand : upperBand
        return reading
    }

    /// Against the channel of the bars *before* this one (a close above the prior high is a breakout).
    private func donchian(close: Double, upper: Double, lower: Double) -> Double {
        guard highs.count > 0 else { return 0 }
        if close >= upper { return 1 }
        if close <= lower { return -1 }
        return upper > lower ? (close - lower) / (upper - lower) - 0.5 : 0
    }

    /// Wilder RSI (0–100); 50 before any move, 100 with gains and no losses.
    private var relativeStrength: Double {
        losses.value > 0 ? 100 - 100 / (1 + gains.value / losses.value) : (gains.value > 0 ? 100 : 50)
    }

    /// Bollinger %b of the close against the window that includes it (population deviation).
    private func bollingerPercentB(close: Double) -> Double {
        let deviation = closes.deviation
        return deviation > 0 ? (close - (closes.mean - 2 * deviation)) / (4 * deviation) : 0.5
    }

    private func meanReversion(rsi: Double, percentB: Double) -> Double {
        let overbought = 0.5 * (rsi - 50) / 50 + 0.5 * (2 * percentB - 1)
        return -min(max(overbought, -1), 1)
    }

    /// Supertrend: bands `multiplier × ATR` around the bar's median price that only ratchet toward
    /// the price; the direction flips when the close crosses the band on the other side.
    private mutating func supertrend(_ bar: PriceBar, previousClose: Double) -> Double {
        let median = (bar.high + bar.low) / 2
        let width = periods.supertrendMultiplier * supertrendRange.value
        let basicUpper = median + width
        let basicLower = median - width
        upperBand = basicUpper < upperBand || previousClose > upperBand ? basicUpper : upperBand
        lowerBand = basicLower > lowerBand || previousClose < lowerBand ? basicLower : lowerBand
        if direction < 0 && bar.close > upperBand {
            direction = 1
        } else if direction > 0 && bar.close < lowerBand {
            direction = -1
        }
        return direction
    }
}
