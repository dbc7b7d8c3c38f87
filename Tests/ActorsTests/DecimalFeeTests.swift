import Actors
import Kernel
import Messages
import Testing

/// Fees as venues publish them: decimal basis points and a fee per contract, charged exactly —
/// what a run charges over many fills is what it owes, to the minor unit.
@Suite struct DecimalFeeTests {
    static let es = [Instrument(symbol: "ES", sector: "index", pricePrecision: 2, lotSize: 1)]

    static func fills(_ events: [VenueEvent]) -> [Fill] {
        events.compactMap { if case .fill(let fill) = $0 { fill } else { nil } }
    }

    static func quote(ask: Int64) -> Quote {
        Quote(symbol: 0, bidPrice: ask - 25, askPrice: ask, bidSize: 100, askSize: 100, exchangeTime: 0)
    }

    @Test func decimalBasisPointsAreHeldExactly() {
        let profile = VenueProfile(makerFeeBasisPoints: -0.2, takerFeeBasisPoints: 0.25)
        #expect(profile.takerFeeMicroBasisPoints == 250_000 && profile.makerFeeMicroBasisPoints == -200_000)
        #expect(profile.takerFeeBasisPoints == 0.25)
    }

    /// 1 lot at 1,640.00: 1,640.00 × 0.25 bp = 4.1 cents, + 1.18 a contract = 122.1 cents owed.
    /// Ten fills owe 1,221 cents: charged 122, 122, 122, 122, 123 (the carried tenths reach a
    /// half), …, and their sum is exactly what is owed.
    @Test func basisPointsAndAFeePerContractOnKnownNotionals() {
        var profile = VenueProfile(takerFeeBasisPoints: 0.25)
        profile.feePerContractMicroUnits = 1_180_000
        var venue = SimulatedVenue(index: 0, profile: profile, instruments: Self.es)
        _ = venue.onQuote(Self.quote(ask: 164_000), at: 0)
        var fees: [Int64] = []
        for id in 1...10 {
            fees += Self.fills(venue.submit(Order(orderID: UInt64(id), symbol: 0, side: .buy, quantity: 1, limitPrice: 0, traceID: 1),
                                            at: Timestamp(id))).map(\.feeMinorUnits)
        }
        #expect(fees.count == 10)
        #expect(fees.prefix(5) == [122, 122, 122, 122, 123])
        #expect(fees.reduce(0, +) == 1_221)
    }

    /// Three lots in one fill pay the fee per contract three times: 3 × 1,640.00 × 0.25 bp = 12.3
    /// cents, + 3 × 118 = 366.3 → 366.
    @Test func theFeePerContractCountsTheFillsLots() {
        var profile = VenueProfile(takerFeeBasisPoints: 0.25)
        profile.feePerContractMicroUnits = 1_180_000
        var venue = SimulatedVenue(index: 0, profile: profile, instruments: Self.es)
        _ = venue.onQuote(Self.quote(ask: 164_000), at: 0)
        let fills = Self.fills(venue.submit(Order(orderID: 1, symbol: 0, side: .buy, quantity: 3, limitPrice: 0, traceID: 1), at: 1))
        #expect(fills.map(\.feeMinorUnits) == [366])
    }

    /// 0.1 bp is not a binary fraction: 100,000 fills of 100.00 owe 0.1 cent each, 10,000 cents
    /// in all, and that is what is charged.
    @Test func aMillionSmallFeesDoNotDrift() {
        var venue = SimulatedVenue(index: 0, profile: VenueProfile(takerFeeBasisPoints: 0.1), instruments: Self.es)
        _ = venue.onQuote(Quote(symbol: 0, bidPrice: 9_999, askPrice: 10_000, bidSize: 1_000_000_000, askSize: 1_000_000_000, exchangeTime: 0), at: 0)
        var total: Int64 = 0
        for id in 1...100_000 {
            for fill in Self.fills(venue.submit(Order(orderID: UInt64(id), symbol: 0, side: .buy, quantity: 1, limitPrice: 0, traceID: 1), at: 1)) {
                total += fill.feeMinorUnits
            }
        }
        #expect(total == 10_000)
    }
}
