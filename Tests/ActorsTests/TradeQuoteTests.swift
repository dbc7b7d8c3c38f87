import Actors
import Kernel
import Messages
import Testing

/// Trades-only feeds (docs/data.md, "Trades-only feeds"): Roll's spread estimate and the quote
/// each trade reveals.
@Suite struct TradeQuoteTests {
    static let quoteTopic = TopicID(rawValue: 1)
    static let tradeTopic = TopicID(rawValue: 2)

    static func trade(_ price: Int64, _ side: Side) -> Trade {
        Trade(symbol: 0, price: price, size: 1, aggressor: side, exchangeTime: 7)
    }

    /// Prices 100 101 101 100 101 100: changes +1 0 −1 +1 −1, pairs (1,0) (0,−1) (−1,1) (1,−1);
    /// Σx = 1, Σy = −1, Σxy = −2, cov = (−2 + 1/4)/4 = −0.4375, s = 2·√0.4375 (numpy gives the same).
    /// One more price, 100: the pair (−1,0) enters, (1,0) leaves; Σx = −1, Σy = −1, Σxy = −2,
    /// cov = (−2 − 1/4)/4 = −0.5625, s = 1.5.
    @Test func rollsEstimateOnAHandComputedSeries() {
        var roll = RollSpreadEstimator(window: 4)
        for price: Int64 in [100, 101, 101, 100, 101] { roll.observe(price: price) }
        #expect(roll.count == 3)
        #expect(roll.spread == nil, "no estimate before the window is full")
        roll.observe(price: 100)
        #expect(roll.serialCovariance == -0.4375)
        #expect(abs(roll.spread! - 1.3228756555322954) < 1e-12)
        roll.observe(price: 100)
        #expect(roll.count == 4)
        #expect(roll.serialCovariance == -0.5625)
        #expect(roll.spread == 1.5)
    }

    @Test func aTrendHasNoRollEstimate() {
        var roll = RollSpreadEstimator(window: 4)
        for price: Int64 in [100, 101, 102, 103, 104, 105] { roll.observe(price: price) }
        #expect(roll.serialCovariance == 0)
        #expect(roll.spread == nil)
    }

    @Test func aBuyLiftsTheAskAndASellHitsTheBid() throws {
        // E-mini: two decimals, tick 0.25; one tick until Roll's window (2 pairs) fills.
        let settings = TradeQuoteSettings(tickUnits: 25, tickDecimals: 2, fallbackSpreadTicks: 1, rollWindow: 2, quoteSize: 40)
        var quotes = try TradeQuoteSynthesizer(settings: settings, precisions: [2])
        let buy = quotes.quote(revealedBy: Self.trade(164_025, .buy))
        #expect(buy == Quote(symbol: 0, bidPrice: 164_000, askPrice: 164_025, bidSize: 40, askSize: 40, exchangeTime: 7))
        let sell = quotes.quote(revealedBy: Self.trade(164_000, .sell))
        #expect(sell == Quote(symbol: 0, bidPrice: 164_000, askPrice: 164_025, bidSize: 40, askSize: 40, exchangeTime: 7),
                "a bounce between the bid and the ask leaves the quote where it was")
        // Changes −25, +25, −25: pairs (−25, 25), (25, −25): Σx = Σy = 0, Σxy = −1250, cov = −625, s = 50: two ticks.
        _ = quotes.quote(revealedBy: Self.trade(164_025, .buy))
        let wide = quotes.quote(revealedBy: Self.trade(164_000, .sell))
        #expect(quotes.rollSpread(symbol: 0) == 50)
        #expect(wide.bidPrice == 164_000 && wide.askPrice == 164_050)
    }

    @Test func aTickFinerThanThePrecisionIsRefused() {
        let settings = TradeQuoteSettings(tickUnits: 5, tickDecimals: 3)
        #expect(throws: TradeQuoteSynthesizer.Problem.self) { _ = try TradeQuoteSynthesizer(settings: settings, precisions: [2]) }
        #expect(settings.tickMinorUnits(precision: 4) == 50)
    }

    static let tradesOnly = """
        time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side
        2024-03-01T14:30:00.000Z,ACME,trade,,,,,100.00,5,
        2024-03-01T14:30:01.000Z,ACME,trade,,,,,100.01,5,
        2024-03-01T14:30:01.000Z,BOLT,quote,50.00,50.02,10,10,,,
        2024-03-01T14:30:02.000Z,BOLT,trade,,,,,50.02,3,
        2024-03-01T14:30:02.000Z,ACME,trade,,,,,100.00,5,

        """

    static func records(_ settings: TradeQuoteSettings) throws -> [InputRecord] {
        var source = try TickCSV(text: tradesOnly, file: "t.csv", instruments: ["ACME": (0, 2), "BOLT": (1, 2)], quoteTopic: quoteTopic,
                                 tradeTopic: tradeTopic, tradeQuotes: settings)
        var records: [InputRecord] = []
        while let record = try source.next() { records.append(record) }
        #expect(records.count == source.count)
        return records
    }

    @Test func aTradesOnlySymbolGetsAQuoteBeforeEachTrade() throws {
        let records = try Self.records(.automatic)
        // ACME has no quote in the file: each of its three trades is preceded by its quote; BOLT is quoted: unchanged.
        #expect(records.count == 8)
        let kinds = records.map { record -> String in
            switch record.message {
            case .quote(let quote): "q\(quote.symbol)"
            case .trade(let trade): "t\(trade.symbol)"
            default: "?"
            }
        }
        #expect(kinds == ["q0", "t0", "q0", "t0", "q1", "t1", "q0", "t0"])
        #expect(records[0].topic == Self.quoteTopic && records[0].time == records[1].time)
        // 100.00 (first: a buy) → ask 100.00, bid 99.99; 100.01 uptick, a buy → 100.00 / 100.01; 100.00 downtick, a sell → 100.00 / 100.01.
        let acme = records.compactMap { record -> Quote? in if case .quote(let quote) = record.message, quote.symbol == 0 { quote } else { nil } }
        #expect(acme.map(\.bidPrice) == [9_999, 10_000, 10_000])
        #expect(acme.map(\.askPrice) == [10_000, 10_001, 10_001])
    }

    @Test func offAndOnChooseTheSymbols() throws {
        #expect(try Self.records(TradeQuoteSettings(mode: .off)).count == 5)
        #expect(try Self.records(TradeQuoteSettings(mode: .on)).count == 9, "every trade, the quoted symbol's too")
    }
}
