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
