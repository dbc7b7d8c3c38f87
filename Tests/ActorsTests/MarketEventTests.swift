import Foundation
import Actors
import Kernel
import Messages
import Testing

/// Scripted market events on a noiseless market (σ = 0): exact paths.
@Suite struct MarketEventTests {
    static let second: UInt64 = 1_000_000_000

    /// Mid prices (in price units) of symbol `symbol` by exchange time.
    func mids(_ parameters: SyntheticMarketFeed.Parameters, seconds: UInt64, symbol: SymbolID = 0) throws -> [Timestamp: Double] {
        var feed = try SyntheticMarketFeed(name: "events", parameters: parameters, quoteTopic: TopicID(rawValue: 0), tradeTopic: TopicID(rawValue: 1),
                                           seed: 1, startTime: 0, endTime: seconds * Self.second)
        var result: [Timestamp: Double] = [:]
        while let record = feed.next() {
            guard case .quote(let quote) = record.message, quote.symbol == symbol else { continue }
            result[quote.exchangeTime] = Double(quote.bidPrice + quote.askPrice) / 2
        }
        return result
    }

    func quiet(_ events: [MarketEvent], sectors: [Int] = [0, 1], meanReversion: DurationNanoseconds? = nil) -> SyntheticMarketFeed.Parameters {
        var parameters = SyntheticMarketFeed.Parameters(intervalNanoseconds: Self.second, volatility: 0, initialPrices: sectors.map { _ in 1_000_000 },
                                                        sectors: sectors, spreadTicks: 2)
        parameters.events = events
        parameters.meanReversionHalfLifeNanoseconds = meanReversion
        return parameters
    }

    @Test func aCrashFallsThenRecovers() throws {
        let s = Self.second
        // −8 % over 5 minutes from t = 60 s, all of it back over the next 30 minutes; sector 0 only.
        let crash = MarketEvent.crash(at: 60 * s, sector: 0, drop: 0.08, fallNanoseconds: 300 * s, recovery: 1, recoverNanoseconds: 1_800 * s)
        let hit = try mids(quiet([crash]), seconds: 2_400)
        #expect(hit[60 * s] == 1_000_000)
        #expect(abs((hit[360 * s] ?? 0) - 920_000) <= 1, "the bottom: \(hit[360 * s] ?? 0)")
        #expect(abs((hit[210 * s] ?? 0) - 1_000_000 * 0.92.squareRoot()) <= 1, "halfway down in log terms")
        #expect(abs((hit[2_160 * s] ?? 0) - 1_000_000) <= 1, "recovered")
        let spared = try mids(quiet([crash]), seconds: 2_400, symbol: 1)
        #expect(spared[360 * s] == 1_000_000, "the other sector is untouched")
    }

    @Test func volatilityEventsMultiplySigmaOnlyInTheirWindow() {
        let event = MarketEvent.volatility(from: 100, until: 200, multiplier: 2)
        #expect(event.volatilityMultiplier(at: 99) == 1 && event.volatilityMultiplier(at: 100) == 2)
        #expect(event.volatilityMultiplier(at: 199) == 2 && event.volatilityMultiplier(at: 200) == 1)
        #expect(MarketEvent.volatility(from: 100, until: nil, multiplier: 3).volatilityMultiplier(at: .max) == 3)
    }

    @Test func meanReversionPullsBackHalfWayPerHalfLife() throws {
        let s = Self.second
        // A crash that never recovers, with a 60-second mean-reversion half-life: the displacement
        // shrinks toward the start instead of staying.
        let crash = MarketEvent.crash(at: 0, sector: nil, drop: 0.1, fallNanoseconds: 1 * s, recovery: 0, recoverNanoseconds: 0)
        let reverting = try mids(quiet([crash], meanReversion: 60 * s), seconds: 200)
        let kept = try mids(quiet([crash]), seconds: 200)
        #expect(abs((kept[180 * s] ?? 0) - 900_000) <= 1)
        let displacement = log((reverting[181 * s] ?? 0) / 1_000_000)
        #expect(abs(displacement - log(0.9) * pow(0.5, 3)) < 0.001, "three half-lives: ⅛ of the drop left, \(displacement)")
    }
}
