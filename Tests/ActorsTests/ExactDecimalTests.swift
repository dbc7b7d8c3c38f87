@testable import Actors
import Foundation
import Kernel
import Messages
import Testing

/// Prices written with zeros past the instrument's precision (`1640.000` at precision 2) are the
/// exact values they write, in every reader; a digit that carries value past it is refused.
@Suite struct ExactDecimalTests {
    @Test func zerosPastThePrecisionAreTheValueTheyWrite() {
        #expect(ExactDecimalText.parse("1640.000", precision: 2) == 164_000)
        #expect(ExactDecimalText.parse("1640.25000", precision: 2) == 164_025)
        #expect(ExactDecimalText.parse("-0.50", precision: 1) == -5)
        #expect(ExactDecimalText.parse("1640.000", precision: 0) == 1_640)
        #expect(ExactDecimalText.parse("1640", precision: 2) == 164_000)
        #expect(ExactDecimalText.parse("1640.125", precision: 2) == nil, "a 5 thousandths is real extra precision")
        #expect(ExactDecimalText.parse("1640.0001", precision: 2) == nil)
        #expect(ExactDecimalText.parse("1640.0.0", precision: 2) == nil)
        #expect(ExactDecimalText.parse("1e3", precision: 2) == nil)
        #expect(ExactDecimalText.significantDecimals("1640.120") == 2)
        #expect(ExactDecimalText.significantDecimals("1640.000") == 0)
    }

    /// The byte parser (tick CSV fast path, layouts, the live feed) agrees with the text parser
    /// on every spelling, zeros past the precision included.
    @Test func theByteParserAgreesWithTheTextParser() {
        for text in ["1640.000", "1640.25000", "1640.125", "1640.", "1640.0", "0.000000", "-3.100", "12.3405", ".5", "7"] {
            for precision in 0...4 {
                let bytes = Array(text.utf8)
                let fromBytes = bytes.withUnsafeBufferPointer { FixedPointBytes.parse($0, precision: precision) }
                let reference = ExactDecimalText.parse(text, precision: precision)
                // `1640.` is read by the text parser only (a general-path spelling).
                if text.hasSuffix(".") { continue }
                #expect(fromBytes == reference, "\(text) at precision \(precision)")
            }
        }
    }

    static func tickRecords(_ text: String, fastPath: Bool) throws -> [String] {
        var source = try TickCSV(text: text, file: "ticks.csv", instruments: ["ES": (0, 2)], quoteTopic: TopicID(rawValue: 3),
                                 tradeTopic: TopicID(rawValue: 4), latencyNanoseconds: 0, fastPath: fastPath)
        var records: [String] = []
        while let record = try source.next() { records.append("\(record)") }
        return records
    }

    @Test func aTickCSVReadsPaddedPricesAsTheShortOnes() throws {
        let padded = "2013-09-01T22:00:00.000Z,ES,quote,1640.000,1640.2500,3,4,,,\n2013-09-01T22:00:01.000Z,ES,trade,,,,,1640.250,1,buy\n"
        let short = "2013-09-01T22:00:00.000Z,ES,quote,1640.00,1640.25,3,4,,,\n2013-09-01T22:00:01.000Z,ES,trade,,,,,1640.25,1,buy\n"
        for fastPath in [true, false] {
            let records = try Self.tickRecords(padded, fastPath: fastPath)
            #expect(records.count == 2)
            #expect(records == (try Self.tickRecords(short, fastPath: fastPath)))
            #expect {
                _ = try Self.tickRecords("2013-09-01T22:00:00.000Z,ES,quote,1640.125,1640.25,3,4,,,\n", fastPath: fastPath)
            } throws: {
                "\($0)" == "ticks.csv:1:35: error: expected a price with at most 2 decimals (zeros past them are fine) in bid, found '1640.125'"
            }
        }
    }

    @Test func aLayoutReadsPaddedPricesAsTheShortOnes() throws {
        let layout = CSVLayout(columns: [.init(.time, .position(0)), .init(.price, .position(1))], symbol: "ES", hasHeader: false,
                               timeFormat: .epoch(.seconds))
        let padded = try LayoutCSVTests.records("1378072800,1640.000\n1378072801,1640.2500\n", layout)
        let short = try LayoutCSVTests.records("1378072800,1640.00\n1378072801,1640.25\n", layout)
        #expect(padded.count == 2)
        #expect(padded.map { "\($0)" } == short.map { "\($0)" })
    }

    @Test func dailyBarsReadPaddedPricesExactly() throws {
        let text = "Date,Open,High,Low,Close,Adj Close,Volume\n9/3/2013,1640.000,1650.5000,1630.2500,1645.00,1645.00,100\n"
        var bars = try DailyBarCSV(text: text, file: "es.csv", symbol: 0, pricePrecision: 2, topic: TopicID(rawValue: 3))
        let next = bars.next()
        let record = try #require(next)
        guard case .bar(let bar) = record.message else { Issue.record("not a bar"); return }
        #expect(bar.open == 164_000 && bar.high == 165_050 && bar.low == 163_025 && bar.close == 164_500)
    }

    @Test func theLiveFeedReadsPaddedPrices() throws {
        let parser = LiveLineParser(instruments: ["ES": .init(id: 0, pricePrecision: 2)])
        let line = #"{"type":"trade","symbol":"ES","price":"1640.000","size":1,"side":"buy","time":1378072800000000000}"#
        guard case .success(let parsed) = parser.parse(line, receivedAt: 1) else { Issue.record("refused: \(line)"); return }
        #expect(parsed.message == .trade(Trade(symbol: 0, price: 164_000, size: 1, aggressor: .buy, exchangeTime: 1_378_072_800_000_000_000)))
    }
}
