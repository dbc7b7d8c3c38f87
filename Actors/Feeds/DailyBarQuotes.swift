#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages

/// Daily bars replayed as a trading day of quotes, so the whole pipeline can run on daily history:
/// four quotes per bar — the open at 14:30 UTC, the bar's two extremes at 16:40 and 18:50 (low
/// first on an up day, high first on a down day) and the close at 21:00 — each one tick wide
/// around the price, with a fixed displayed size. Optionally a VIX-like index after each close:
/// the annualized realized volatility of the last `window` daily log returns, in percent
/// (σ × √252 × 100), as market-wide alternative data.
public struct DailyBarQuotes: InputSource {
    private var records: [InputRecord] = []
    private var cursor = 0

    public static let quoteOffsetsNanoseconds: [DurationNanoseconds] = [
        (14 * 60 + 30) * 60_000_000_000, (16 * 60 + 40) * 60_000_000_000, (18 * 60 + 50) * 60_000_000_000, 21 * 3_600_000_000_000,
    ]

    /// - Parameters:
    ///   - from, to: only bars of days in [from, to) become quotes (earlier bars still feed the volatility window).
    public init(bars: [Bar], quoteTopic: TopicID, altTopic: TopicID?, displayedSize: Int64 = 1_000, volatilityWindow: Int? = nil,
                from: Timestamp = 0, to: Timestamp = .max) {
        var closes: [Double] = []
        for bar in bars {
            defer { closes.append(Double(bar.close)) }
            guard bar.periodStart >= from, bar.periodStart < to else { continue }
            let upDay = bar.close >= bar.open
            let prices = [bar.open, upDay ? bar.low : bar.high, upDay ? bar.high : bar.low, bar.close]
            for (price, offset) in zip(prices, DailyBarQuotes.quoteOffsetsNanoseconds) {
                let time = bar.periodStart + offset
                let quote = Quote(symbol: bar.symbol, bidPrice: max(price - 1, 1), askPrice: max(price - 1, 1) + 1,
                                  bidSize: displayedSize, askSize: displayedSize, exchangeTime: time)
                records.append(InputRecord(time: time, topic: quoteTopic, message: .quote(quote)))
            }
            if let window = volatilityWindow, let altTopic, closes.count >= window {
                // Returns of the last `window` closes up to today's.
                let recent = Array(closes.suffix(window)) + [Double(bar.close)]
                let returns = zip(recent.dropFirst(), recent).map { log($0 / $1) }
                let mean = returns.reduce(0, +) / Double(returns.count)
                let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(returns.count - 1, 1))
                let index = (variance * 252).squareRoot() * 100
                let time = bar.periodStart + DailyBarQuotes.quoteOffsetsNanoseconds[3]
                records.append(InputRecord(time: time, topic: altTopic,
                                           message: .alt(AltDatum(kind: .volatilityIndex, symbol: AltDatum.marketWide, value: index, exchangeTime: time))))
            }
        }
    }

    public var count: Int { records.count }

    public mutating func next() -> InputRecord? {
        guard cursor < records.count else { return nil }
        defer { cursor += 1 }
        return records[cursor]
    }
}
