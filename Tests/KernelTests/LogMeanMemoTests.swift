#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages
import Testing

/// The log-mean memo is a cache of a pure function: whatever was asked before, it must answer
/// exactly what computing the logarithm would.
@Suite struct LogMeanMemoTests {
    /// What the subscribers read. Only touched on the kernel thread.
    final class Seen: @unchecked Sendable {
        var values: [Double] = []
    }

    private static func direct(_ bid: Int64, _ ask: Int64) -> Double { log(Double(bid + ask) / 2) }

    @Test func answersTheLogarithmBitForBitWhateverCameBefore() {
        var memo = LogMeanMemo()
        // Repeats, changes of the bid alone and of the ask alone, a different quote with the same
        // sum, and back again.
        let quotes: [(Int64, Int64)] = [(10_000, 10_002), (10_000, 10_002), (10_000, 10_006), (10_004, 10_006),
                                        (10_001, 10_003), (10_000, 10_004), (9_990, 9_992), (10_000, 10_002), (1, 1), (1, 1),
                                        (123_456_789, 123_456_791)]
        for (bid, ask) in quotes {
            let value = memo.logMean(bid, ask)
            #expect(value.bitPattern == Self.direct(bid, ask).bitPattern, "bid \(bid), ask \(ask)")
        }
    }

    @Test func aFreshMemoAnswersTheLogOfZeroAndOfAnyOtherSum() {
        var memo = LogMeanMemo()
        #expect(memo.logMean(0, 0) == -.infinity)
        var other = LogMeanMemo()
        #expect(other.logMean(50, 52).bitPattern == Self.direct(50, 52).bitPattern)
    }

    /// Through the context: every subscriber of a message gets the same, exact value, and the next
    /// message's value is not the last one's.
    @Test func subscribersGetTheExactLogMeanOfEachMessage() throws {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        let quotes = kernel.topic(named: "quotes")
        let seen = Seen()
        for name in ["first", "second", "third"] {
            kernel.spawn(name) {
                ScriptedActor(context: $0, log: DeliveryLog(), onStart: { $0.subscribe(quotes) }, onReceive: { context, delivery in
                    if case .quote(let quote) = delivery.message { seen.values.append(context.memoizedLogMean(quote.bidPrice, quote.askPrice)) }
                })
            }
        }
        let prices: [(Int64, Int64)] = [(100, 102), (101, 103), (101, 103), (99, 105)]
        try kernel.addInput(ArrayInputSource(prices.enumerated().map { index, price in
            InputRecord(time: UInt64(index + 1) * 1_000, topic: quotes,
                        message: .quote(Quote(symbol: 0, bidPrice: price.0, askPrice: price.1, bidSize: 1, askSize: 1, exchangeTime: 0)))
        }))
        _ = try kernel.run()
        let expected = prices.flatMap { price in Array(repeating: Self.direct(price.0, price.1).bitPattern, count: 3) }
        #expect(seen.values.map(\.bitPattern) == expected)
    }
}
