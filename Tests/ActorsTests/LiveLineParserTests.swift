import Actors
import Kernel
import Messages
import Testing

/// The live feed's line protocol: exact decimals, every type, and each way a line is refused.
@Suite struct LiveLineParserTests {
    let parser = LiveLineParser(instruments: ["ACME": .init(id: 0, pricePrecision: 2), "BOLT": .init(id: 1, pricePrecision: 4)])

    func parsed(_ line: String, receivedAt: Timestamp = 77) throws -> LiveLine {
        switch parser.parse(line, receivedAt: receivedAt) {
        case .success(let value): return value
        case .failure(let problem): throw problem
        }
    }

    func problem(_ line: String) -> LiveLineProblem? {
        if case .failure(let problem) = parser.parse(line, receivedAt: 0) { return problem }
        return nil
    }

    @Test func quotesAreExactFixedPointWhateverTheSpelling() throws {
        let line = try parsed(#"{"type":"quote","symbol":"ACME","bid":100.01,"ask":"100.03","bid_size":300,"ask_size":"200","time":1709303400250000000}"#)
        #expect(line.kind == .quote)
        #expect(line.message == .quote(Quote(symbol: 0, bidPrice: 10_001, askPrice: 10_003, bidSize: 300, askSize: 200, exchangeTime: 1_709_303_400_250_000_000)))
        // Fewer decimals than the precision are padded; 4-decimal instruments keep theirs.
        let bolt = try parsed(#" { "ask" : 7.5 , "bid": 7.4999, "type": "quote", "symbol": "BOLT", "bid_size": 1, "ask_size": 2 } "#)
        #expect(bolt.message == .quote(Quote(symbol: 1, bidPrice: 74_999, askPrice: 75_000, bidSize: 1, askSize: 2, exchangeTime: 77)),
                "no time: the receive time stands in")
    }

    @Test func tradesBarsAndAlternativeData() throws {
        #expect(try parsed(#"{"type":"trade","symbol":"ACME","price":"100.02","size":50,"side":"sell","time":"2024-03-01T14:30:00.5Z"}"#).message
                == .trade(Trade(symbol: 0, price: 10_002, size: 50, aggressor: .sell, exchangeTime: 1_709_303_400_500_000_000)))
        #expect(try parsed(#"{"type":"bar","symbol":"ACME","open":100,"high":100.5,"low":99.8,"close":100.2,"volume":1200,"start":"2024-03-01T14:30:00Z","period":"1m"}"#).message
                == .bar(Bar(symbol: 0, open: 10_000, high: 10_050, low: 9_980, close: 10_020, volume: 1_200, periodStart: 1_709_303_400_000_000_000,
                            periodNanoseconds: 60_000_000_000)))
        #expect(try parsed(#"{"type":"alt","kind":"sentiment","symbol":"ACME","value":-0.42}"#).message
                == .alt(AltDatum(kind: .sentiment, symbol: 0, value: -0.42, exchangeTime: 77)))
        #expect(try parsed(#"{"type":"alt","kind":"volatility_index","value":31.5,"extra":{"ignored":true}}"#.replacingOccurrences(of: #","extra":{"ignored":true}"#, with: #","extra":"ignored""#)).message
                == .alt(AltDatum(kind: .volatilityIndex, symbol: AltDatum.marketWide, value: 31.5, exchangeTime: 77)), "no symbol: market-wide; unknown keys ignored")
    }

    @Test func encoderAndParserRoundTrip() throws {
        let encoder = LiveLineEncoder(symbols: [("ACME", 2), ("BOLT", 4)])
        let messages: [Message] = [
            .quote(Quote(symbol: 1, bidPrice: 74_999, askPrice: 75_003, bidSize: 10, askSize: 20, exchangeTime: 0)),
            .trade(Trade(symbol: 0, price: 10_002, size: 5, aggressor: .buy, exchangeTime: 0)),
            .bar(Bar(symbol: 0, open: 1, high: 3, low: 1, close: 2, volume: 9, periodStart: 5, periodNanoseconds: 60)),
            .alt(AltDatum(kind: .creditSpread, symbol: AltDatum.marketWide, value: 1.0e-5, exchangeTime: 0)),
        ]
        for message in messages {
            var buffer: [UInt8] = []
            #expect(encoder.append(message, time: 123, to: &buffer))
            #expect(buffer.last == 0x0A)
            let text = String(decoding: buffer.dropLast(), as: UTF8.self)
            var expected = message
            switch expected {
            case .quote(var quote): quote.exchangeTime = 123; expected = .quote(quote)
            case .trade(var trade): trade.exchangeTime = 123; expected = .trade(trade)
            case .alt(var datum): datum.exchangeTime = 123; expected = .alt(datum)
            default: break
            }
            #expect(try parsed(text).message == expected, "\(text)")
        }
    }

    @Test func refusedLinesSayWhyAndWhere() {
        #expect(problem("not json")?.reason == .malformedJSON)
        #expect(problem(#"{"type":"quote","symbol":"ACME","bid":[1]}"#)?.reason == .malformedJSON, "nested values are refused")
        #expect(problem(#"{"type":"quote"} trailing"#)?.reason == .malformedJSON)
        #expect(problem(#"{"type":"candle"}"#)?.reason == .unknownType)
        #expect(problem(#"{"symbol":"ACME"}"#)?.reason == .unknownType)
        let unknown = problem(#"{"type":"quote","symbol":"NOPE","bid":1,"ask":2,"bid_size":1,"ask_size":1}"#)
        #expect(unknown?.reason == .unknownSymbol)
        #expect(unknown?.column == 27)
        #expect(problem(#"{"type":"quote","symbol":"ACME","bid":100.001,"ask":2,"bid_size":1,"ask_size":1}"#)?.reason == .badValue, "too many decimals")
        #expect(problem(#"{"type":"quote","symbol":"ACME","bid":-1,"ask":2,"bid_size":1,"ask_size":1}"#)?.reason == .badValue)
        #expect(problem(#"{"type":"quote","symbol":"ACME","bid":1e2,"ask":2,"bid_size":1,"ask_size":1}"#)?.reason == .badValue, "no exponents in prices")
        #expect(problem(#"{"type":"quote","symbol":"ACME","ask":2,"bid_size":1,"ask_size":1}"#)?.reason == .missingField)
        #expect(problem(#"{"type":"trade","symbol":"ACME","price":1,"size":1,"side":"both"}"#)?.reason == .badValue)
        #expect(problem(#"{"type":"alt","kind":"gossip","value":1}"#)?.reason == .badValue)
        #expect(problem(String(repeating: " ", count: 5_000))?.reason == .tooLong)
    }

    /// Values any later arithmetic could overflow on are refused at the parser, naming the bound:
    /// the line that once trapped live mode (an ask size of Int64.max) among them.
    @Test func valuesBeyondTheMarketBoundsAreOutOfRange() throws {
        let fatal = problem(#"{"type":"quote","symbol":"ACME","bid":99.99,"ask":100.01,"bid_size":300,"ask_size":9223372036854775807}"#)
        #expect(fatal?.reason == .outOfRange)
        #expect(fatal?.column == 84)
        #expect(fatal?.detail.contains("1000000000000") == true, "\(String(describing: fatal))")
        let highPrice = problem(#"{"type":"quote","symbol":"ACME","bid":92233720368547758.00,"ask":92233720368547758.07,"bid_size":1,"ask_size":1}"#)
        #expect(highPrice?.reason == .outOfRange)
        #expect(highPrice?.detail.contains("10000000000000.00") == true, "the bound in the instrument's units: \(String(describing: highPrice))")
        #expect(problem(#"{"type":"trade","symbol":"ACME","price":1,"size":1000000000001,"side":"buy"}"#)?.reason == .outOfRange)
        #expect(problem(#"{"type":"alt","kind":"sentiment","value":1e13}"#)?.reason == .outOfRange)
        // The bounds themselves are in range.
        let atBound = try parsed(#"{"type":"quote","symbol":"ACME","bid":1,"ask":10000000000000.00,"bid_size":1000000000000,"ask_size":1}"#)
        #expect(atBound.message == .quote(Quote(symbol: 0, bidPrice: 100, askPrice: MarketBounds.maximumPriceMinorUnits,
                                                bidSize: MarketBounds.maximumSize, askSize: 1, exchangeTime: 77)))
    }
}
