import Actors
import Kernel
import Messages
import Testing

/// Instruments valued as markets value them: a contract multiplier (one E-mini S&P 500 lot at
/// 1640.00 is 82,000 USD) and a currency converted into the account's at a fixed rate — in the
/// notional, the books' P&L and exposure, the venue's fees and the gate's limits.
@Suite struct ContractValuationTests {
    static let es = Instrument(symbol: "ES", sector: "index", pricePrecision: 2, lotSize: 1, multiplier: 50)
    /// ES in a EUR account at 0.9125 EUR per USD.
    static let esInEUR = Instrument(symbol: "ES", sector: "index", pricePrecision: 2, lotSize: 1, multiplier: 50,
                                    currency: InstrumentCurrency(code: "USD", rate: FXRate(hundredMillionths: 91_250_000)))

    @Test func oneESLotIsWorthPriceTimesMultiplier() {
        #expect(Self.es.notionalMinorUnits(quantity: 1, price: 164_000) == 8_200_000, "82,000.00 USD")
        #expect(Self.es.checkedNotionalMinorUnits(quantity: -3, price: 164_025) == -24_603_750, "3 short at 1640.25: 246,037.50")
        // 82,000 × 0.9125 = 74,825.00 EUR.
        #expect(Self.esInEUR.notionalMinorUnits(quantity: 1, price: 164_000) == 7_482_500)
        // A quarter point on one lot: 12.50 USD = 11.40625 EUR → 11.41 (half away from zero: −11.41).
        #expect(Self.esInEUR.notionalMinorUnits(quantity: 1, price: 25) == 1_141)
        #expect(Self.esInEUR.notionalMinorUnits(quantity: -1, price: 25) == -1_141)
        // Beyond the valuation domain (10^13 minor units) a value is no value.
        #expect(Self.es.checkedNotionalMinorUnits(quantity: 1_000_000, price: 1_000_000_000) == nil)
        #expect(Self.es.saturatedNotionalMinorUnits(quantity: 1_000_000, price: 1_000_000_000) == MarketBounds.maximumPositionValueMinorUnits)
    }

    /// A 4-decimal instrument with a rate of 8 decimals: the product is rounded once, exactly.
    @Test func aRateOfEightDecimalsIsExact() {
        let fx = Instrument(symbol: "USDTHB", sector: "fx", pricePrecision: 4, lotSize: 1,
                            currency: InstrumentCurrency(code: "THB", rate: FXRate(hundredMillionths: 2_551_020)))
        // 100,000 × 36.5012 THB = 3,650,120 THB × 0.02551020 = 93,115.291224 EUR (Python's
        // decimal module) → 9,311,529 cents.
        #expect(fx.notionalMinorUnits(quantity: 100_000, price: 365_012) == 9_311_529)
    }

    /// One ES lot bought at 1640.00 and marked at 1645.25: 262.50 USD unrealized; the fill costs
    /// 82,000.00 of cash, and in a EUR account 74,825.00 and 239.53 EUR (262.50 × 0.9125 = 239.53125).
    @Test func theBooksValueFillsAndMarksWithTheMultiplierAndRate() throws {
        for (instrument, cost, unrealized) in [(Self.es, Int64(8_200_000), Int64(26_250)), (Self.esInEUR, 7_482_500, 23_953)] {
            let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
            var portfolio: Portfolio?
            kernel.spawn("portfolio") { context in
                let made = Portfolio(context: context, instruments: [instrument], initialCashMinorUnits: 10_000_000)
                portfolio = made
                return made
            }
            let fill = Fill(orderID: 1, symbol: 0, side: .buy, quantity: 1, price: 164_000, feeMinorUnits: 0, isFinal: true, traceID: 0)
            try kernel.addInput(ArrayInputSource([
                InputRecord(time: 1, topic: kernel.topic(named: Topics.fills), message: .fill(fill)),
                InputRecord(time: 2, topic: kernel.topic(named: Topics.quotes),
                            message: .quote(Quote(symbol: 0, bidPrice: 164_525, askPrice: 164_525, bidSize: 1, askSize: 1, exchangeTime: 2))),
            ]))
            _ = try kernel.run()
            let book = try #require(portfolio)
            book.assumeIsolated { book in
                #expect(book.cashMinorUnits == 10_000_000 - cost)
                #expect(book.unrealizedPnLMinorUnits == [unrealized])
                #expect(book.equityMinorUnits == 10_000_000 + unrealized)
                #expect(book.grossExposureBySectorMinorUnits.reduce(0, +) == cost + unrealized)
            }
        }
    }

    /// The venue charges basis points of the converted notional: 74,825.00 EUR × 0.25 bp =
    /// 1.870625 EUR → 187 cents.
    @Test func feesAreChargedOnTheAccountCurrencyNotional() {
        var venue = SimulatedVenue(index: 0, profile: VenueProfile(takerFeeBasisPoints: 0.25), instruments: [Self.esInEUR])
        _ = venue.onQuote(Quote(symbol: 0, bidPrice: 163_975, askPrice: 164_000, bidSize: 10, askSize: 10, exchangeTime: 0), at: 0)
        let events = venue.submit(Order(orderID: 1, symbol: 0, side: .buy, quantity: 1, limitPrice: 0, traceID: 1), at: 1)
        let fees = events.compactMap { if case .fill(let fill) = $0 { fill.feeMinorUnits } else { nil } }
        #expect(fees == [187])
    }

    /// Gross ≤ 50 % of 200,000.00 = 100,000.00: one lot (82,000.00) passes, two (164,000.00) are
    /// projected to one. Without the multiplier two lots would be 3,280.00 and pass.
    @Test func theGateLimitsTheMultipliedNotional() {
        var book = GateBook(instruments: [Self.es], cashMinorUnits: 20_000_000)
        book.marks = [164_000]
        book.dailyVolatility = [0.0001]
        var limits = GateLimits()
        limits.maximumSector = 10
        limits.maximumNet = 10
        func intent(_ quantity: Int64) -> Intent {
            Intent(symbol: 0, targetQuantity: quantity, quantity: quantity, referencePrice: 164_000, kellyWeight: 0, cappedWeight: 0,
                   drawdownScale: 1, cvarScale: 1, traceID: 7)
        }
        let one = GateCheck.evaluate(intent(1), book: book, limits: limits, situation: .init())
        #expect(one.outcome == .approved && one.approvedQuantity == 1)
        let two = GateCheck.evaluate(intent(2), book: book, limits: limits, situation: .init())
        #expect(two.outcome == .projected && two.approvedQuantity == 1 && two.reasons.contains(.gross))
    }
}
