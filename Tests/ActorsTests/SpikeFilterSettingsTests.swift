@testable import Actors
import Kernel
import Messages
import Testing

/// The per-feed outlier filter: its window, threshold, minimum move and `off`, the defaults by
/// resolution, and the ledger of what was refused.
@Suite struct SpikeFilterSettingsTests {
    /// Runs `quotes` (admitted at their exchange time) through a guard whose symbols have `filters`.
    func run(_ quotes: [Quote], filters: [SpikeFilterSettings]) throws -> (passed: [Quote], ledger: QuarantineLedger) {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        var guardActor: FeedGuard?
        kernel.spawn("feed.guard") { context in
            let made = FeedGuard(context: context, parameters: FeedGuard.Parameters(spikeFilters: filters), symbolCount: filters.count)
            guardActor = made
            return made
        }
        let sink = MessageSink()
        kernel.spawn("collector") { TopicRecorder(context: $0, topics: [Topics.quotes], sink: sink) }
        let raw = kernel.topic(named: Topics.rawQuotes)
        try kernel.addInput(ArrayInputSource(quotes.map { InputRecord(time: $0.exchangeTime, topic: raw, message: .quote($0)) }))
        _ = try kernel.run()
        return (sink.quotes, guardActor!.assumeIsolated { $0.ledger })
    }

    /// Quotes of `symbol` whose mids are `mids` (in cents, one-cent spread around them), 1 ms apart.
    func quotes(_ mids: [Int64], symbol: SymbolID = 0, from first: Int = 0) -> [Quote] {
        mids.enumerated().map { index, mid in
            Quote(symbol: symbol, bidPrice: mid, askPrice: mid + 1, bidSize: 5, askSize: 5, exchangeTime: UInt64(first + index + 1) * 1_000_000)
        }
    }

    /// 21 mids 10,000 ± 10 (MAD 10 cents: 1.4826 × 10 = 14.826 per robust σ), then `last`.
    func calmThen(_ last: Int64) -> [Int64] { (0..<21).map { 10_000 + [-10, 0, 10][$0 % 3] } + [last] }

    @Test func offLetsASpikeThroughButNotABadValue() throws {
        var input = quotes(calmThen(20_000))        // +100 %
        input += quotes([0, 30_000], from: 22)      // non-positive, then another +200 %
        input[23].bidPrice = input[23].askPrice + 5 // crossed: no switch turns that off
        let off = try run(input, filters: [.off])
        #expect(off.passed.count == 22)
        #expect(off.ledger.count(row: 0, reason: .nonPositive) == 1)
        #expect(off.ledger.count(row: 0, reason: .crossed) == 1)
        #expect(off.ledger.count(row: 0, reason: .spike) == 0)
        let on = try run(input, filters: [.tick])
        #expect(on.ledger.count(row: 0, reason: .spike) == 1)
        #expect(on.passed.count == 21)
    }

    /// Median 10,000.5 (mids + half a cent), MAD 10: 5 MADs is 74.13 cents, 10 MADs 148.26.
    @Test func thresholdIsInRobustStandardDeviations() throws {
        let at5 = SpikeFilterSettings(window: 21, thresholdMADs: 5, minimumRelativeMove: 0)
        let at10 = SpikeFilterSettings(window: 21, thresholdMADs: 10, minimumRelativeMove: 0)
        for (last, caughtAt5, caughtAt10) in [(Int64(10_073), false, false), (10_075, true, false), (10_147, true, false), (10_149, true, true)] {
            let input = quotes(calmThen(last))
            #expect(try run(input, filters: [at5]).ledger.count(row: 0, reason: .spike) == (caughtAt5 ? 1 : 0), "\(last) at 5 MADs")
            #expect(try run(input, filters: [at10]).ledger.count(row: 0, reason: .spike) == (caughtAt10 ? 1 : 0), "\(last) at 10 MADs")
        }
    }

    /// A move of 1 % is many MADs here: the minimum move decides.
    @Test func minimumMoveIsAFractionOfTheMedian() throws {
        let input = quotes(calmThen(10_100))
        let small = SpikeFilterSettings(window: 21, thresholdMADs: 5, minimumRelativeMove: 0.005)
        let large = SpikeFilterSettings(window: 21, thresholdMADs: 5, minimumRelativeMove: 0.02)
        #expect(try run(input, filters: [small]).ledger.count(row: 0, reason: .spike) == 1)
        #expect(try run(input, filters: [large]).ledger.count(row: 0, reason: .spike) == 0)
    }

    /// Nothing is judged until the window is full: a spike at the 6th quote is caught with a window
    /// of 5 and not with one of 21.
    @Test func windowSetsWhenJudgingStarts() throws {
        let input = quotes([10_000, 10_010, 9_990, 10_000, 10_010, 20_000])
        let five = SpikeFilterSettings(window: 5, thresholdMADs: 5, minimumRelativeMove: 0.002)
        #expect(try run(input, filters: [five]).ledger.count(row: 0, reason: .spike) == 1)
        #expect(try run(input, filters: [.tick]).ledger.count(row: 0, reason: .spike) == 0)
    }

    /// Each symbol has its own filter: the same spike is refused on one and passes on the other.
    @Test func filtersArePerSymbol() throws {
        let input = zip(quotes(calmThen(20_000), symbol: 0), quotes(calmThen(20_000), symbol: 1)).flatMap { [$0, $1] }
        let (passed, ledger) = try run(input, filters: [.tick, .off])
        #expect(ledger.count(row: 0, reason: .spike) == 1 && ledger.count(row: 1, reason: .spike) == 0)
        #expect(passed.count == 43)
        #expect(ledger.judged(row: 0) == 22 && ledger.judged(row: 1) == 22)
        #expect(ledger.entries.map { "\($0.row) \($0.reason) \($0.count)" } == ["0 spike 1"])
        let example = try #require(ledger.examples.first)
        #expect(example.time == 22_000_000 && example.reason == .spike && example.message == .quote(input[42]))
    }

    /// The ledger keeps the first refused inputs only, and counts them all.
    @Test func ledgerKeepsTheFirstExamples() throws {
        let input = quotes((0..<40).map { _ in 0 })
        let (_, ledger) = try run(input, filters: [.tick])
        #expect(ledger.count(row: 0, reason: .nonPositive) == 40)
        #expect(ledger.examples.count == QuarantineLedger.exampleLimit)
        #expect(ledger.examples.map(\.time) == (1...QuarantineLedger.exampleLimit).map { UInt64($0) * 1_000_000 })
    }

    @Test func defaultsFollowTheResolution() {
        #expect(SpikeFilterSettings.defaults(forResolution: 0) == .tick)
        #expect(SpikeFilterSettings.defaults(forResolution: 59_999_999_999) == .tick)
        let minute = SpikeFilterSettings.defaults(forResolution: 60_000_000_000)
        #expect(minute.window == 21 && minute.thresholdMADs == 10 && abs(minute.minimumRelativeMove - 0.002) < 1e-15)
        // 0.2 % × √30 = 1.0954 %; × √1440 = 7.5895 %; a week (√10080 × 0.2 % = 20 %) is capped at 10 %.
        #expect(abs(SpikeFilterSettings.defaults(forResolution: 1_800_000_000_000).minimumRelativeMove - 0.010954451150103) < 1e-12)
        let day = SpikeFilterSettings.defaults(forResolution: TimeUnits.nanosecondsPerDay)
        #expect(abs(day.minimumRelativeMove - 0.075894663844041) < 1e-12 && day.thresholdMADs == 10 && day.isEnabled)
        #expect(SpikeFilterSettings.defaults(forResolution: 7 * TimeUnits.nanosecondsPerDay).minimumRelativeMove == 0.1)
        #expect(SpikeFilterSettings.tick.description == "window 21, threshold 5 MADs, min move 0.2 %")
        #expect(SpikeFilterSettings.off.description == "off")
    }
}
