@testable import Actors
import Kernel
import Messages
import Testing

@Suite struct FeedGuardTests {
    /// Runs `quotes` (admitted at `exchangeTime + latency`) through the guard.
    func run(_ quotes: [Quote], latency: UInt64 = 1_000) throws -> (passed: [Quote], quarantined: [QuarantineReason: Int]) {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        var guardActor: FeedGuard?
        kernel.spawn("feed.guard") { context in
            let made = FeedGuard(context: context, parameters: FeedGuard.Parameters(staleAfterNanoseconds: 1_000_000), symbolCount: 2)
            guardActor = made
            return made
        }
        let sink = MessageSink()
        kernel.spawn("collector") { TopicRecorder(context: $0, topics: [Topics.quotes], sink: sink) }
        let raw = kernel.topic(named: Topics.rawQuotes)
        try kernel.addInput(ArrayInputSource(quotes.map { InputRecord(time: $0.exchangeTime + latency, topic: raw, message: .quote($0)) }))
        _ = try kernel.run()
        let counts = guardActor!.assumeIsolated { $0.quarantined }
        return (sink.quotes, counts)
    }

    /// A calm random walk around 100.00 (1-tick spread), one quote per millisecond.
    func calm(_ count: Int, symbol: SymbolID = 0, seed: UInt64 = 4) -> [Quote] {
        var random = RandomStream(seed: seed)
        var mid: Int64 = 10_000
        return (0..<count).map { index in
            mid += Int64(random.next(below: 3)) - 1
            return Quote(symbol: symbol, bidPrice: mid, askPrice: mid + 1, bidSize: 5, askSize: 5,
                         exchangeTime: UInt64(index + 1) * 1_000_000)
        }
    }

    @Test func cleanTicksPassUnchanged() throws {
        let quotes = calm(200)
        let (passed, quarantined) = try run(quotes)
        #expect(passed == quotes)
        #expect(quarantined.isEmpty)
    }

    @Test func eachBadTickKindIsCaught() throws {
        var quotes = calm(60)
        func at(_ index: Int, _ change: (inout Quote) -> Void) { change(&quotes[index]) }
        at(30) { $0.bidPrice = 0 }                                     // non-positive price
        at(32) { $0.askSize = -1 }                                     // non-positive size
        at(34) { swap(&$0.bidPrice, &$0.askPrice); $0.bidPrice += 5 }  // crossed
        let earlier = quotes[20].exchangeTime
        at(36) { $0.exchangeTime = earlier }                           // out of order
        at(38) { $0.bidPrice *= 2; $0.askPrice *= 2 }                  // spike: +100 %
        at(40) { $0.bidPrice -= 1_500; $0.askPrice -= 1_500 }          // spike: −15 %
        let (passed, quarantined) = try run(quotes)
        #expect(quarantined[.nonPositive] == 2)
        #expect(quarantined[.crossed] == 1)
        #expect(quarantined[.outOfOrder] == 1)
        #expect(quarantined[.spike] == 2)
        #expect(passed.count == 60 - 6)
        #expect(!passed.contains { $0.bidPrice <= 0 || $0.bidPrice > $0.askPrice })
    }

    /// The values behind the traps a hostile feed once caused (a size of Int64.max overflowed the
    /// flow model's bid + ask sizes; prices near Int64.max / 100 overflowed the mid): quarantined
    /// as out of range, at and just past each bound, while the bound itself passes.
    @Test func valuesBeyondTheMarketBoundsAreOutOfRange() throws {
        var quotes = calm(40)
        let price = MarketBounds.maximumPriceMinorUnits
        at(&quotes, 30) { $0.askSize = .max }
        at(&quotes, 31) { $0.bidSize = MarketBounds.maximumSize + 1 }
        at(&quotes, 32) { $0.bidPrice = 9_223_372_036_854_775_800; $0.askPrice = 9_223_372_036_854_775_807 }
        at(&quotes, 33) { $0.askPrice = price + 1 }
        at(&quotes, 34) { $0.bidSize = MarketBounds.maximumSize; $0.askSize = MarketBounds.maximumSize }
        let (passed, quarantined) = try run(quotes)
        #expect(quarantined[.outOfRange] == 4)
        #expect(passed.count == 40 - 4)
        #expect(passed.contains { $0.bidSize == MarketBounds.maximumSize }, "the bound itself is in range")
        #expect(!passed.contains { $0.askSize > MarketBounds.maximumSize || $0.askPrice > price })
    }

    func at(_ quotes: inout [Quote], _ index: Int, _ change: (inout Quote) -> Void) { change(&quotes[index]) }

    @Test func staleTicksAreCaught() throws {
        let quotes = calm(10)
        let (passed, quarantined) = try run(quotes, latency: 2_000_000)
        #expect(quarantined[.stale] == 10)
        #expect(passed.isEmpty)
    }

    /// A crash that stays is a new level, not a spike: after 5 agreeing outliers it is accepted.
    @Test func persistentLevelShiftIsAcceptedAfterFiveTicks() {
        var filter = HampelFilter()
        var verdicts: [Bool] = []
        for index in 0..<60 { verdicts.append(filter.accept(index < 30 ? 100 + Double(index % 3) * 0.01 : 92 + Double(index % 3) * 0.01)) }
        #expect(verdicts[0..<30].allSatisfy { $0 })
        #expect(verdicts[30..<34].allSatisfy { !$0 }, "the first four ticks at the new level are quarantined")
        #expect(verdicts[34..<60].allSatisfy { $0 }, "from the fifth on, the new level is the market")
        // An isolated spike between normal ticks never builds a run.
        var spiky = HampelFilter()
        for index in 0..<40 {
            let value = index % 10 == 9 ? 150.0 : 100 + Double(index % 3) * 0.01
            let accepted = spiky.accept(value)
            if index >= 21 { #expect(accepted == (value < 120), "tick \(index)") }
        }
    }

    @Test func hampelKnownValues() {
        var filter = HampelFilter(windowSize: 5, threshold: 3, minimumRelativeDeviation: 0)
        for value in [10.0, 11, 9, 10, 12] {
            let accepted = filter.accept(value)
            #expect(accepted, "warming up: \(value)")
        }
        // window 9,10,10,11,12: median 10, MAD 1 → limit 3 × 1.4826 = 4.4478
        let inside = filter.accept(14.4)
        #expect(inside)
        // window now 14.4,11,9,10,12: median 11, MAD 1 → |15.5 − 11| = 4.5 > 4.4478
        let above = filter.accept(15.5)
        #expect(!above)
        let below = filter.accept(5.5)
        #expect(!below)
    }
}

@Suite struct FeedGuardRoutingTests {
    @Test func tradesAndAlternativeDataAreCheckedAndRouted() throws {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        var guardActor: FeedGuard?
        kernel.spawn("feed.guard") { context in
            let made = FeedGuard(context: context, parameters: FeedGuard.Parameters(), symbolCount: 1)
            guardActor = made
            return made
        }
        let sink = MessageSink()
        kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.trades, Topics.alternativeData], sink: sink) }
        let rawTrades = kernel.topic(named: Topics.rawTrades)
        let rawAlt = kernel.topic(named: Topics.rawAlternativeData)
        let good = Message.trade(Trade(symbol: 0, price: 100, size: 3, aggressor: .buy, exchangeTime: 1))
        let sentiment = Message.alt(AltDatum(kind: .sentiment, symbol: 0, value: 0.4, exchangeTime: 1))
        try kernel.addInput(ArrayInputSource([
            InputRecord(time: 1, topic: rawTrades, message: good),
            InputRecord(time: 2, topic: rawTrades, message: .trade(Trade(symbol: 0, price: 0, size: 3, aggressor: .buy, exchangeTime: 2))),
            InputRecord(time: 3, topic: rawAlt, message: sentiment),
            InputRecord(time: 4, topic: rawAlt, message: .alt(AltDatum(kind: .sentiment, symbol: 0, value: .nan, exchangeTime: 4))),
            InputRecord(time: 5, topic: rawAlt, message: .alt(AltDatum(kind: .fundFlow, symbol: 0, value: -.infinity, exchangeTime: 5))),
            InputRecord(time: 6, topic: rawTrades, message: .trade(Trade(symbol: 0, price: 100, size: .max, aggressor: .buy, exchangeTime: 6))),
            InputRecord(time: 7, topic: rawTrades, message: .trade(Trade(symbol: 0, price: .max, size: 1, aggressor: .sell, exchangeTime: 7))),
            InputRecord(time: 8, topic: rawAlt, message: .alt(AltDatum(kind: .fundFlow, symbol: 0, value: 1e300, exchangeTime: 8))),
        ]))
        _ = try kernel.run()
        #expect(sink.messages == [good, sentiment])
        let counts = guardActor!.assumeIsolated { $0.quarantined }
        #expect(counts[.nonPositive] == 1)
        #expect(counts[.notANumber] == 2)
        #expect(counts[.outOfRange] == 3)
    }
}

@Suite struct HampelMADTests {
    /// The linear merge gives the same MAD as sorting the deviations, for odd and even sizes.
    @Test func medianAbsoluteDeviationMatchesTheDefinition() {
        var random = RandomStream(seed: 2)
        for size in [1, 2, 3, 4, 5, 20, 21] {
            for _ in 0..<50 {
                let values = (0..<size).map { _ in (random.nextGaussian() * 10).rounded() / 4 }.sorted()
                let median = size % 2 == 1 ? values[size / 2] : (values[size / 2 - 1] + values[size / 2]) / 2
                let deviations = values.map { abs($0 - median) }.sorted()
                let expected = size % 2 == 1 ? deviations[size / 2] : (deviations[size / 2 - 1] + deviations[size / 2]) / 2
                #expect(HampelFilter.medianAbsoluteDeviation(values, around: median) == expected, "size \(size): \(values)")
            }
        }
    }
}
