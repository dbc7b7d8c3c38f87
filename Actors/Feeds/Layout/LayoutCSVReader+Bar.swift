import Kernel
import Messages

/// A bar row (open, high, low, close; volume optional) as four quotes, as `daily-bars` replays a
/// day (``DailyBarQuotes``): the open, the bar's two extremes — the low first when the bar closed
/// up, the high first when it closed down — and the close, each a quote one tick wide around the
/// price (bid one tick below it) with the layout's default size.
///
/// When: a bar of a day or longer is quoted at its date's session times (14:30, 16:40, 18:50 and
/// 21:00 UTC), its date read in the layout's time zone; a shorter bar at its start and a quarter,
/// a half and three quarters of its interval after it, so that its quotes never reach the next
/// bar's.
extension LayoutCSVReader {
    mutating func readBar(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, instrument: (id: SymbolID, precision: Int),
                          time: Timestamp) throws {
        let fields: [CSVLayout.Field] = [.open, .high, .low, .close]
        var prices: (open: Int64, high: Int64, low: Int64, close: Int64) = (0, 0, 0, 0)
        for field in fields {
            let range = try range(field, line)!
            if range.isEmpty || (range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: ".")) {
                rowsSkipped += 1  // a missing value, as daily bars skip it
                return
            }
            // Bars are rounded to the instrument's precision, half away from zero, as daily bars are.
            let text = BytesText.string(bytes, range)
            guard let value = FixedPointText.parse(text, precision: instrument.precision, roundingExtraDigits: true), value >= 0,
                  value <= MarketBounds.maximumPriceMinorUnits else {
                throw problem(column: column(range, line), "expected a non-negative number of at most \(FixedPointText.format(MarketBounds.maximumPriceMinorUnits, precision: instrument.precision)) in \(field.rawValue) (\(describe(field))), found '\(text)'")
            }
            switch field {
            case .open: prices.open = value
            case .high: prices.high = value
            case .low: prices.low = value
            default: prices.close = value
            }
        }
        guard prices.low <= min(prices.open, prices.close), prices.high >= max(prices.open, prices.close) else {
            throw problem(column: 1, "inconsistent bar: low and high must bracket open and close (open \(prices.open), high \(prices.high), low \(prices.low), close \(prices.close) in minor units)")
        }
        let upBar = prices.close >= prices.open
        let extremes = upBar ? (first: prices.low, second: prices.high) : (first: prices.high, second: prices.low)
        let quotedPrices = [prices.open, extremes.first, extremes.second, prices.close]
        let interval = settings.layout.barIntervalNanoseconds!
        for (index, price) in quotedPrices.enumerated() {
            let quoteTime = barQuoteTime(time, interval: interval, index: index)
            let bid = max(price - 1, 1)
            let quote = Quote(symbol: instrument.id, bidPrice: bid, askPrice: bid + 1, bidSize: settings.layout.defaultSize,
                              askSize: settings.layout.defaultSize, exchangeTime: quoteTime)
            pending.append(InputRecord(time: quoteTime &+ settings.latencyNanoseconds, topic: settings.quoteTopic, message: .quote(quote)))
        }
    }

    /// The time of a bar's `index`-th quote (0 open … 3 close).
    private func barQuoteTime(_ start: Timestamp, interval: DurationNanoseconds, index: Int) -> Timestamp {
        guard interval >= TimeUnits.nanosecondsPerDay else { return start + interval / 4 * UInt64(index) }
        // The bar's date: its start's date where the layout's zone says (UTC without one).
        let wall = zone.map { $0.wallTime(ofInstant: start) } ?? Int64(start)
        let day = UInt64(max(wall, 0)) / TimeUnits.nanosecondsPerDay * TimeUnits.nanosecondsPerDay
        return day + DailyBarQuotes.quoteOffsetsNanoseconds[index]
    }
}
