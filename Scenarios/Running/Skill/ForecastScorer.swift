#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Actors
import Kernel
import Messages

/// Scores the blender's forecasts the way a feature agent scores its own (``ForecastTracker``):
/// each forecast's μ against the log return of the symbol's mid from when it was made to the
/// first quote at least one horizon later; the blend's information coefficient is the
/// correlation of μ with that return over the forecasts with μ ≠ 0.
///
/// It watches deliveries (a ``DeliveryObserver``) and never changes a run: it reads messages,
/// publishes nothing and draws nothing. It marks on the input defense's clean quotes — what the
/// agents see — not on raw inputs, whose refused spikes would move the mid. A quote or forecast
/// delivered to several subscribers is taken once (deliveries of one publish are the same
/// message at the same time, back to back).
public final class ForecastScorer: DeliveryObserver {
    private struct Pending {
        var time: Timestamp
        var horizon: DurationNanoseconds
        var mu: Double
        var logMid: Double
    }

    private var logMids: [Double?]
    private var pending: [[Pending]]
    private var heads: [Int]
    private var lastForecast: Forecast?
    private var lastForecastTime: Timestamp = 0
    private var lastQuote: Quote?
    private var lastQuoteTime: Timestamp = 0
    public private(set) var moments = ForecastTracker.Moments()

    public init(symbolCount: Int) {
        logMids = Array(repeating: nil, count: symbolCount)
        pending = Array(repeating: [], count: symbolCount)
        heads = Array(repeating: 0, count: symbolCount)
    }

    /// The blend's information coefficient so far (nil with fewer than 3 scored forecasts).
    public var informationCoefficient: Double? { moments.correlation }

    public func kernel(_ kernel: Kernel, delivering event: ScheduledEvent, index: UInt64) {
        switch event.message {
        case .quote(let quote):
            let symbol = Int(quote.symbol)
            guard event.source != .input, symbol < logMids.count, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return }
            if lastQuote == quote && lastQuoteTime == event.key.time { return }
            lastQuote = quote
            lastQuoteTime = event.key.time
            let logMid = log(Double(quote.bidPrice + quote.askPrice) / 2)
            logMids[symbol] = logMid
            resolve(symbol: symbol, time: event.key.time, logMid: logMid)
        case .forecast(let forecast):
            let symbol = Int(forecast.symbol)
            guard symbol < logMids.count, let logMid = logMids[symbol], forecast.mu.isFinite else { return }
            if lastForecast == forecast && lastForecastTime == event.key.time { return }
            lastForecast = forecast
            lastForecastTime = event.key.time
            pending[symbol].append(Pending(time: event.key.time, horizon: forecast.horizonNanoseconds, mu: forecast.mu, logMid: logMid))
        default:
            return
        }
    }

    private func resolve(symbol: Int, time: Timestamp, logMid: Double) {
        var head = heads[symbol]
        while head < pending[symbol].count, time &- pending[symbol][head].time >= pending[symbol][head].horizon {
            let forecast = pending[symbol][head]
            if forecast.mu != 0 { moments.add(forecast.mu, logMid - forecast.logMid) }
            head += 1
        }
        if head > 1_024 && head * 2 > pending[symbol].count {
            pending[symbol].removeFirst(head)
            head = 0
        }
        heads[symbol] = head
    }
}
