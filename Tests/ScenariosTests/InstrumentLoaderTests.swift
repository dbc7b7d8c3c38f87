import Actors
import Kernel
import Messages
import Scenarios
import Testing

/// The instrument and fee keys of a scenario as markets write them (issue 22 item 3): exact
/// decimals with zeros past the precision, decimal and per-contract fees, contract multipliers,
/// an instrument currency with its rate; each with its loader error.
@Suite struct InstrumentLoaderTests {
    static let base = ScenarioLoaderTests.valid

    func error(_ text: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.parse(text, file: "s.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func zerosPastThePrecisionAreAccepted() throws {
        let scenario = try ScenarioLoader.parse(Self.base.replacingOccurrences(of: "100.05", with: "100.0500"), file: "s.yaml")
        guard case .gbm(let feed) = scenario.feeds[0].kind else { Issue.record("gbm"); return }
        #expect(feed.initialPrices == [10_005])
        let problem = try #require(error(Self.base.replacingOccurrences(of: "100.05", with: "100.0501")))
        #expect(problem.line == 12)
        #expect(problem.message == "feeds[0].initial_price must be a decimal number with at most 2 decimals (zeros past them are fine), found '100.0501'")
    }
}

extension InstrumentLoaderTests {
    @Test func decimalAndPerContractFeesAreReadExactly() throws {
        let single = try ScenarioLoader.parse(Self.base + "\nbroker: { fee_bps: 0.25, fee_per_contract: 1.18 }\n", file: "s.yaml")
        #expect(single.broker.venues.map(\.takerFeeMicroBasisPoints) == [250_000])
        #expect(single.broker.venues.map(\.makerFeeMicroBasisPoints) == [250_000])
        #expect(single.broker.venues.map(\.feePerContractMicroUnits) == [1_180_000])
        let venues = try ScenarioLoader.parse(Self.base + """

            broker:
              venues:
                - { name: cme, maker_fee_bps: -0.125, taker_fee_bps: 0.3000, fee_per_contract: 0.0035 }
            """, file: "s.yaml")
        #expect(venues.broker.venues[0].makerFeeMicroBasisPoints == -125_000)
        #expect(venues.broker.venues[0].takerFeeMicroBasisPoints == 300_000)
        #expect(venues.broker.venues[0].feePerContractMicroUnits == 3_500)
    }

    @Test func feesPastTheirPrecisionOrRangeAreRefused() throws {
        let tooPrecise = try #require(error(Self.base + "\nbroker: { fee_bps: 0.1234567 }\n"))
        #expect(tooPrecise.line == 17)
        #expect(tooPrecise.message == "broker.fee_bps has more than 6 decimals, found '0.1234567'")
        let negative = try #require(error(Self.base + "\nbroker: { fee_per_contract: -1 }\n"))
        #expect(negative.message == "broker.fee_per_contract must be between 0 and 1000, found -1")
        let notANumber = try #require(error(Self.base + "\nbroker: { fee_bps: 1bp }\n"))
        #expect(notANumber.message == "broker.fee_bps must be a decimal number, found '1bp'")
        #expect(notANumber.hint == "an exact decimal from 0 to 10000 with at most 6 decimals, without units or %")
    }
}

extension InstrumentLoaderTests {
    func with(_ instrumentLines: String) -> String {
        Self.base.replacingOccurrences(of: "    price_precision: 2", with: "    price_precision: 2\n" + instrumentLines)
    }

    @Test func multiplierAndCurrencyAreRead() throws {
        let es = try ScenarioLoader.parse(with("    multiplier: 50"), file: "s.yaml")
        #expect(es.universe[0].multiplier == 50 && es.universe[0].currency == nil)
        #expect(es.universe[0].notionalMinorUnits(quantity: 1, price: 164_000) == 8_200_000)
        let usd = try ScenarioLoader.parse(with("    multiplier: 50\n    currency: USD\n    fx_rate: 0.91250000"), file: "s.yaml")
        #expect(usd.universe[0].currency == InstrumentCurrency(code: "USD", rate: FXRate(hundredMillionths: 91_250_000)))
        let own = try ScenarioLoader.parse(with("    currency: EUR"), file: "s.yaml")
        #expect(own.universe[0].currency == nil, "the account's own currency needs no rate")
    }

    @Test func badValuationsAreRefusedWithTheirLine() throws {
        let noRate = try #require(error(with("    currency: USD")))
        #expect(noRate.line == 9 && noRate.message == "universe[0] is priced in USD, not the account's EUR: it needs an fx_rate")
        let noCurrency = try #require(error(with("    fx_rate: 0.9")))
        #expect(noCurrency.line == 9 && noCurrency.message == "universe[0].fx_rate needs the instrument's currency")
        let ownWithRate = try #require(error(with("    currency: EUR\n    fx_rate: 1.1")))
        #expect(ownWithRate.message == "universe[0].fx_rate must be 1 for an instrument priced in the account currency (EUR)")
        let tooPrecise = try #require(error(with("    currency: USD\n    fx_rate: 0.912500001")))
        #expect(tooPrecise.message == "universe[0].fx_rate has more than 8 decimals, found '0.912500001'")
        let zeroRate = try #require(error(with("    currency: USD\n    fx_rate: 0")))
        #expect(zeroRate.message == "universe[0].fx_rate must be between 0.00000001 and 10000, found 0")
        let zero = try #require(error(with("    multiplier: 0")))
        #expect(zero.line == 9 && zero.message == "universe[0].multiplier must be between 1 and 1000000, found 0")
        let fractional = try #require(error(with("    multiplier: 12.5")))
        #expect(fractional.message == "universe[0].multiplier must be an integer, found '12.5'")
    }

    /// The price bounds count the multiplier: one unit at 100,000.00 × 10⁶ is 10¹¹ currency units,
    /// past the 10¹² minor units one unit may be worth.
    @Test func theUnitValueBoundCountsTheMultiplier() throws {
        let big = try #require(error(with("    multiplier: 1000000").replacingOccurrences(of: "100.05", with: "100000.00")))
        #expect(big.message.hasPrefix("feeds[0].initial_price makes one unit of ACME (price_precision 2, multiplier 1000000) worth"))
    }
}
