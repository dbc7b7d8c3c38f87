import Actors
import Foundation
import Kernel
import Messages
import Testing

/// Intraday bars reach the Technical agent as four quotes per bar (docs/data.md, "Bars and the
/// Technical agent"): with its `bar_interval` the file's, it rebuilds each bar's open, high, low
/// and close from the quotes' mids — the file's prices less half a minor unit (the quotes are
/// one unit wide, bid one unit below the price) — and reads the very indicators it would read
/// from the file's bars.
@Suite struct BarQuotesTechnicalTests {
    @Test func theTechnicalAgentRebuildsTheFilesBars() throws {
        // 80 one-minute bars of a deterministic zig-zag walk, in cents.
        var text = "time,open,high,low,close,volume\n"
        var bars: [(open: Int64, high: Int64, low: Int64, close: Int64)] = []
        var price: Int64 = 510_000
        for minute in 0..<80 {
            let open = price
            let close = open + Int64((minute * 37) % 23) - 11 + (minute < 40 ? 3 : -3)
            let high = max(open, close) + Int64(minute % 5) * 25
            let low = min(open, close) - Int64(minute % 3) * 25
            bars.append((open, high, low, close))
            price = close
            func decimal(_ cents: Int64) -> String { "\(cents / 100).\(String(format: "%02d", cents % 100))" }
            let time = String(format: "2024-03-01T%02d:%02d:00Z", 14 + minute / 60, minute % 60)
            text += "\(time),\(decimal(open)),\(decimal(high)),\(decimal(low)),\(decimal(close)),100\n"
        }
        var layout = try #require(CSVLayout.preset(named: "generic-ohlcv"))
        layout.symbol = "ES"
        layout.barIntervalNanoseconds = 60_000_000_000
        var source = try LayoutCSV(text: text, file: "es-1m.csv", layout: layout, instruments: ["ES": (0, 2)],
                                   quoteTopic: TopicID(rawValue: 1), tradeTopic: TopicID(rawValue: 2))
        var model = TechnicalModel(symbolCount: 1, barNanoseconds: 60_000_000_000)
        var fromQuotes: [TechnicalReading] = []
        while let record = try source.next() {
            guard case .quote(let quote) = record.message else { continue }
            if model.absorb(quote: quote, time: record.time) != nil { fromQuotes.append(try #require(model.reading(of: 0))) }
        }
        // The reference: the file's bars themselves, each closed at once (the last stays open in the agent).
        var indicators = TechnicalIndicators()
        var fromBars: [TechnicalReading] = []
        for bar in bars.dropLast() {
            let shifted = PriceBar(open: Double(bar.open) - 0.5, high: Double(bar.high) - 0.5, low: Double(bar.low) - 0.5,
                                   close: Double(bar.close) - 0.5)
            if let reading = indicators.close(shifted) { fromBars.append(reading) }
        }
        #expect(fromBars.count > 20, "the indicators warmed up")
        #expect(fromQuotes == fromBars)
    }
}
