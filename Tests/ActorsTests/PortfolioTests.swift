import Actors
import Kernel
import Testing

@Suite struct PortfolioTests {
    @Test func notionalIsExactInMinorUnits() {
        let cents = Instrument(symbol: "A", sector: "x", pricePrecision: 2, lotSize: 1)
        #expect(cents.notionalMinorUnits(quantity: 3, price: 10_005) == 30_015)
        let mills = Instrument(symbol: "B", sector: "x", pricePrecision: 3, lotSize: 1)
        #expect(mills.notionalMinorUnits(quantity: 1, price: 100_005) == 10_001, "half rounds away from zero")
        #expect(mills.notionalMinorUnits(quantity: -1, price: 100_005) == -10_001)
        let whole = Instrument(symbol: "C", sector: "x", pricePrecision: 0, lotSize: 1)
        #expect(whole.notionalMinorUnits(quantity: 2, price: 7) == 1_400)
    }

    /// Fills in as inputs; the portfolio's cash, position and realized PnL must match hand math.
    @Test func booksFillsWithAverageCost() throws {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        let instrument = Instrument(symbol: "A", sector: "x", pricePrecision: 2, lotSize: 1)
        var portfolio: Portfolio?
        kernel.spawn("portfolio") { context in
            let made = Portfolio(context: context, instruments: [instrument], initialCashMinorUnits: 100_000)
            portfolio = made
            return made
        }
        let fills = kernel.topic(named: Topics.fills)
        let quotes = kernel.topic(named: Topics.quotes)
        func fill(_ side: Side, _ quantity: Int64, _ price: Int64, fee: Int64) -> Message {
            .fill(Fill(orderID: 1, symbol: 0, side: side, quantity: quantity, price: price, feeMinorUnits: fee, isFinal: true, traceID: 0))
        }
        try kernel.addInput(ArrayInputSource([
            InputRecord(time: 1, topic: fills, message: fill(.buy, 10, 10_000, fee: 10)),   // long 10 @ 100.00
            InputRecord(time: 2, topic: fills, message: fill(.buy, 10, 11_000, fee: 10)),   // long 20 @ avg 105.00
            InputRecord(time: 3, topic: fills, message: fill(.sell, 25, 12_000, fee: 10)),  // close 20 (+300.00), short 5 @ 120
            InputRecord(time: 4, topic: quotes, message: .quote(Quote(symbol: 0, bidPrice: 11_900, askPrice: 11_900, bidSize: 1,
                                                                       askSize: 1, exchangeTime: 4))),
        ]))
        _ = try kernel.run()
        let book = try #require(portfolio)
        book.assumeIsolated { book in
            #expect(book.positions == [-5])
            #expect(book.realizedPnLMinorUnits == [30_000])
            #expect(book.feesMinorUnits == 30)
            // 1000.00 − 1000.00 − 1100.00 + 3000.00 − fees 0.30
            #expect(book.cashMinorUnits == 100_000 - 100_000 - 110_000 + 300_000 - 30)
            // Short 5 marked at 119.00: equity = cash − 595.00
            #expect(book.equityMinorUnits == 189_970 - 59_500)
            #expect(book.fills == 3)
        }
    }
}
