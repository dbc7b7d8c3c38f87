import Actors
import Kernel
import Messages
import Testing

/// Trades without a side in the data get one by the Lee–Ready rule (docs/data.md): the quote rule
/// against the last mid, then the tick rule against the last trade.
@Suite struct TradeSideInferenceTests {
    static func quote(_ bid: Int64, _ ask: Int64) -> Quote {
        Quote(symbol: 0, bidPrice: bid, askPrice: ask, bidSize: 1, askSize: 1, exchangeTime: 0)
    }

    static func trade(_ price: Int64, _ side: Side, symbol: SymbolID) -> Trade {
        Trade(symbol: symbol, price: price, size: 1, aggressor: side, exchangeTime: 0)
    }

    @Test func theQuoteRuleComparesWithTheMid() {
        var sides = TradeSideInference()
        sides.observe(quote: Self.quote(10_000, 10_003))      // mid 100.015: a half tick
        #expect(sides.side(symbol: 0, price: 10_002) == .buy)
        #expect(sides.side(symbol: 0, price: 10_001) == .sell)
    }

    @Test func atTheMidOrWithoutQuotesTheTickRuleDecides() {
        var sides = TradeSideInference()
        #expect(sides.side(symbol: 3, price: 500) == .buy, "a symbol's first trade counts as a buy")
        sides.observe(trade: Self.trade(500, .sell, symbol: 3))
        #expect(sides.side(symbol: 3, price: 501) == .buy)
        #expect(sides.side(symbol: 3, price: 499) == .sell)
        #expect(sides.side(symbol: 3, price: 500) == .sell, "a zero tick keeps the previous trade's side")
        sides.observe(quote: Quote(symbol: 3, bidPrice: 499, askPrice: 501, bidSize: 1, askSize: 1, exchangeTime: 0))
        #expect(sides.side(symbol: 3, price: 500) == .sell, "at the mid the tick rule decides")
        #expect(sides.side(symbol: 0, price: 500) == .buy, "symbols are apart")
    }

    @Test func aTickFileWithoutSidesReadsWithInferredOnes() throws {
        let text = """
            time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side
            2024-03-01T14:30:00.000Z,ACME,trade,,,,,100.00,5,
            2024-03-01T14:30:01.000Z,ACME,trade,,,,,100.01,5,
            2024-03-01T14:30:02.000Z,ACME,trade,,,,,100.01,5,
            2024-03-01T14:30:03.000Z,ACME,quote,100.00,100.04,10,10,,,
            2024-03-01T14:30:04.000Z,ACME,trade,,,,,100.01,5,
            2024-03-01T14:30:05.000Z,ACME,trade,,,,,100.00,5,sell
            2024-03-01T14:30:06.000Z,ACME,trade,,,,,100.02,5,

            """
        var source = try TickCSV(text: text, file: "t.csv", instruments: ["ACME": (0, 2)], quoteTopic: TopicID(rawValue: 1),
                                 tradeTopic: TopicID(rawValue: 2))
        var sides: [Side] = []
        while let record = try source.next() {
            if case .trade(let trade) = record.message { sides.append(trade.aggressor) }
        }
        // first: buy; uptick: buy; zero tick: buy; below the 100.02 mid: sell; as written: sell;
        // at the mid 100.02, an uptick from 100.00: buy.
        #expect(sides == [.buy, .buy, .buy, .sell, .sell, .buy])
        #expect(throws: DailyBarCSV.Problem.self) {
            _ = try TickCSV(text: "2024-03-01T14:30:00.000Z,ACME,trade,,,,,100.00,5,up\n", file: "t.csv", instruments: ["ACME": (0, 2)],
                            quoteTopic: TopicID(rawValue: 1), tradeTopic: TopicID(rawValue: 2))
        }
    }
}
