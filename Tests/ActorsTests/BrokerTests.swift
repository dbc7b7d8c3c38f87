import Actors
import Kernel
import Messages
import Testing

@Suite struct BrokerTests {
    // MARK: Fixtures

    /// Prices in cents (precision 2), so a notional is quantity × price cents.
    static let instruments = [Instrument(symbol: "AAA", sector: "tech", pricePrecision: 2, lotSize: 1)]
    static let second: UInt64 = 1_000_000_000
    static let millisecond: UInt64 = 1_000_000

    static func venue(_ profile: VenueProfile = VenueProfile(makerFeeBasisPoints: 0.5, takerFeeBasisPoints: 1)) -> SimulatedVenue {
        SimulatedVenue(index: 0, profile: profile, instruments: instruments)
    }

    static func quote(bid: Int64 = 9_990, ask: Int64 = 10_010, bidSize: Int64 = 30, askSize: Int64 = 5) -> Quote {
        Quote(symbol: 0, bidPrice: bid, askPrice: ask, bidSize: bidSize, askSize: askSize, exchangeTime: 0)
    }

    static func order(_ id: UInt64, _ side: Side = .buy, _ quantity: Int64, limit: Int64 = 0, type: OrderType? = nil,
                      symbol: SymbolID = 0, venue: UInt8 = 0) -> Order {
        Order(orderID: id, symbol: symbol, side: side, quantity: quantity, limitPrice: limit, traceID: id, venue: venue, type: type)
    }

    static func trade(_ price: Int64, _ size: Int64, aggressor: Side) -> Trade {
        Trade(symbol: 0, price: price, size: size, aggressor: aggressor, exchangeTime: 0)
    }

    static func fills(_ events: [VenueEvent]) -> [Fill] {
        events.compactMap { if case .fill(let fill) = $0 { fill } else { nil } }
    }

    static func reports(_ events: [VenueEvent]) -> [ExecutionReport] {
        events.compactMap { if case .report(let report) = $0 { report } else { nil } }
    }

    // MARK: Market orders

    @Test func marketBuyTakesTheDisplayedAskThenTheNextQuote() {
        var venue = Self.venue()
        #expect(venue.onQuote(Self.quote(askSize: 5), at: 1_000).isEmpty)
        let arrival = venue.submit(Self.order(1, .buy, 7), at: 2_000)
        #expect(Self.reports(arrival).map(\.kind) == [.acknowledged])
        #expect(Self.reports(arrival).first?.leavesQuantity == 7)
        let first = Self.fills(arrival)
        #expect(first.count == 1)
        #expect(first.first?.quantity == 5 && first.first?.price == 10_010 && first.first?.isFinal == false)
        // 5 × 100.10 = 500.50 EUR at 1 bp = 5.005 cents → 5.
        #expect(first.first?.feeMinorUnits == 5)
        #expect(venue.leavesQuantity(orderID: 1) == 2)

        let next = Self.fills(venue.onQuote(Self.quote(ask: 10_020, askSize: 10), at: 3_000))
        #expect(next.count == 1)
        #expect(next.first?.quantity == 2 && next.first?.price == 10_020 && next.first?.isFinal == true)
        #expect(next.first?.feeMinorUnits == 2)  // 200.40 EUR at 1 bp = 2.004 cents
        #expect(venue.workingOrderCount == 0)
        #expect(Set(first.map(\.fillID) + next.map(\.fillID)).count == 2, "fill ids are distinct")
    }

    @Test func marketSellTakesTheBidAndLiquidityScalesTheDisplayedSize() {
        var venue = Self.venue(VenueProfile(liquidity: 0.5))
        _ = venue.onQuote(Self.quote(bidSize: 5), at: 0)
        let first = Self.fills(venue.submit(Self.order(1, .sell, 4), at: 1))
        #expect(first.map(\.quantity) == [2] && first.first?.price == 9_990, "⌊5 × 0.5⌋ = 2 at the bid")
        // A second order on the same quote finds nothing left: the displayed size is shared.
        #expect(Self.fills(venue.submit(Self.order(2, .sell, 1), at: 2)).isEmpty)
        // The next quote refills: ⌊3 × 0.5⌋ = 1 for order 1 (time priority), none for order 2.
        let refill = Self.fills(venue.onQuote(Self.quote(bid: 9_980, bidSize: 3), at: 3))
        #expect(refill.map(\.orderID) == [1] && refill.first?.price == 9_980)
    }

    @Test func marketRemainderExpiresAfterItsTimeToLiveBeforeAnyLaterQuote() {
        var venue = Self.venue()
        _ = venue.onQuote(Self.quote(askSize: 5), at: 0)
        _ = venue.submit(Self.order(1, .buy, 7), at: Self.second)
        for step in 1...4 {
            #expect(venue.onQuote(Self.quote(askSize: 0), at: Self.second * UInt64(1 + step)).isEmpty)
        }
        // Due at arrival + 5 s: the quote at that very time does not fill it.
        let due = venue.onQuote(Self.quote(askSize: 100), at: 6 * Self.second)
        #expect(Self.fills(due).isEmpty)
        #expect(Self.reports(due).map(\.kind) == [.expired])
        #expect(Self.reports(due).first?.leavesQuantity == 2)
        #expect(venue.workingOrderCount == 0)
    }

    // MARK: Limit orders

    @Test func limitBuyAtTheBidFillsOnlyAfterTheQueueAheadHasTraded() {
        var venue = Self.venue()
        _ = venue.onQuote(Self.quote(bid: 9_990, ask: 10_010, bidSize: 30, askSize: 40), at: 0)
        let arrival = venue.submit(Self.order(1, .buy, 10, limit: 9_990), at: 1)
        #expect(Self.reports(arrival).map(\.kind) == [.acknowledged] && Self.fills(arrival).isEmpty)
        #expect(venue.queueAheadLots(orderID: 1) == 30)

        #expect(venue.onTrade(Self.trade(9_990, 20, aggressor: .sell), at: 2).isEmpty)
        #expect(venue.queueAheadLots(orderID: 1) == 10)
        #expect(venue.onTrade(Self.trade(9_990, 50, aggressor: .buy), at: 3).isEmpty, "buyers do not eat a bid queue")
        #expect(venue.onTrade(Self.trade(10_010, 50, aggressor: .buy), at: 4).isEmpty)
        #expect(venue.queueAheadLots(orderID: 1) == 10)

        let partial = Self.fills(venue.onTrade(Self.trade(9_990, 15, aggressor: .sell), at: 5))
        #expect(partial.map(\.quantity) == [5] && partial.first?.price == 9_990 && partial.first?.isFinal == false)
        // Maker fee: 5 × 99.90 = 499.50 EUR at 0.5 bp = 2.4975 cents → 2.
        #expect(partial.first?.feeMinorUnits == 2)
        let last = Self.fills(venue.onTrade(Self.trade(9_990, 5, aggressor: .sell), at: 6))
        #expect(last.map(\.quantity) == [5] && last.first?.isFinal == true)
        #expect(venue.workingOrderCount == 0)
    }

    @Test func limitQueueShortensWithTheDisplayedSizeAndImprovingJoinsFirst() {
        var venue = Self.venue()
        _ = venue.onQuote(Self.quote(bidSize: 30), at: 0)
        _ = venue.submit(Self.order(1, .buy, 10, limit: 9_990), at: 1)
        _ = venue.onQuote(Self.quote(bidSize: 12), at: 2)
        #expect(venue.queueAheadLots(orderID: 1) == 12, "no more can be ahead of us than is displayed")
        _ = venue.onQuote(Self.quote(bidSize: 40), at: 3)
        #expect(venue.queueAheadLots(orderID: 1) == 12, "newcomers queue behind us")
        _ = venue.onQuote(Self.quote(bid: 9_980, bidSize: 40), at: 4)
        #expect(venue.queueAheadLots(orderID: 1) == 0, "the touch moved behind us")

        _ = venue.submit(Self.order(2, .buy, 5, limit: 9_985), at: 5)
        #expect(venue.queueAheadLots(orderID: 2) == 0, "improving on the touch: nobody ahead")
        _ = venue.submit(Self.order(3, .buy, 5, limit: 9_970), at: 6)
        #expect(venue.queueAheadLots(orderID: 3) == .max, "behind the touch: depth unknown")
        // A seller prints at 9 975: through orders 1 and 2 (filled at their own prices), not 3.
        let fills = Self.fills(venue.onTrade(Self.trade(9_975, 12, aggressor: .sell), at: 7))
        #expect(fills.map(\.orderID) == [1, 2])
        #expect(fills.map(\.quantity) == [10, 2])
        #expect(fills.map(\.price) == [9_990, 9_985])
    }

    @Test func marketableLimitTakesThenRestsAndExpiresWithItsLeaves() {
        var venue = Self.venue()
        _ = venue.onQuote(Self.quote(ask: 10_010, askSize: 4), at: 0)
        let arrival = Self.fills(venue.submit(Self.order(1, .buy, 10, limit: 10_020), at: Self.second))
        #expect(arrival.map(\.quantity) == [4] && arrival.first?.price == 10_010, "takes at the ask, not its limit")
        #expect(venue.queueAheadLots(orderID: 1) == 0)
        // The offer comes back below our bid: it trades with us at our price.
        let through = Self.fills(venue.onQuote(Self.quote(bid: 10_000, ask: 10_015, bidSize: 9, askSize: 3), at: 2 * Self.second))
        #expect(through.map(\.quantity) == [3] && through.first?.price == 10_020)
        #expect(Self.fills(venue.onQuote(Self.quote(bid: 10_000, ask: 10_030, askSize: 100), at: 3 * Self.second)).isEmpty)

        let limitTimeToLive = venue.limitTimeToLiveNanoseconds
        #expect(venue.onTime(Self.second + limitTimeToLive - 1).isEmpty)
        let expiry = Self.reports(venue.onTime(Self.second + limitTimeToLive))
        #expect(expiry.map(\.kind) == [.expired])
        #expect(expiry.first?.leavesQuantity == 3)
        #expect(venue.workingOrderCount == 0)
    }

    @Test func cancelReportsTheUnexecutedLotsOnce() {
        var venue = Self.venue()
        _ = venue.onQuote(Self.quote(), at: 0)
        _ = venue.submit(Self.order(1, .sell, 6, limit: 10_050), at: 1)
        let cancelled = Self.reports(venue.cancel(orderID: 1, at: 2))
        #expect(cancelled.map(\.kind) == [.cancelled] && cancelled.first?.leavesQuantity == 6)
        #expect(venue.cancel(orderID: 1, at: 3).isEmpty)
    }

    // MARK: Pegged orders

    @Test func peggedOrderFollowsItsSideOfTheTouch() {
        var venue = Self.venue()
        _ = venue.onQuote(Self.quote(bid: 9_990, bidSize: 30), at: 0)
        let arrival = venue.submit(Self.order(1, .buy, 10, type: .pegged), at: 1)
        #expect(Self.reports(arrival).map(\.kind) == [.acknowledged] && Self.fills(arrival).isEmpty)
        #expect(venue.restingPrice(orderID: 1) == 9_990 && venue.queueAheadLots(orderID: 1) == 30)

        _ = venue.onQuote(Self.quote(bid: 9_995, bidSize: 7), at: 2)
        #expect(venue.restingPrice(orderID: 1) == 9_995 && venue.queueAheadLots(orderID: 1) == 7)
        _ = venue.onQuote(Self.quote(bid: 9_995, bidSize: 3), at: 3)
        #expect(venue.restingPrice(orderID: 1) == 9_995 && venue.queueAheadLots(orderID: 1) == 3)
        _ = venue.onQuote(Self.quote(bid: 9_985, bidSize: 12), at: 4)
        #expect(venue.restingPrice(orderID: 1) == 9_985 && venue.queueAheadLots(orderID: 1) == 12)

        let fills = Self.fills(venue.onTrade(Self.trade(9_985, 20, aggressor: .sell), at: 5))
        #expect(fills.map(\.quantity) == [8] && fills.first?.price == 9_985)

        _ = venue.submit(Self.order(2, .sell, 4, type: .pegged), at: 6)
        #expect(venue.restingPrice(orderID: 2) == 10_010, "a sell pegs to the ask")
    }

    // MARK: Rejects

    @Test func staleOrMissingQuoteRejectsAndNeverFills() {
        var venue = Self.venue()
        let none = venue.submit(Self.order(1, .buy, 1), at: 10)
        #expect(Self.reports(none).map(\.reason) == [.staleData] && Self.fills(none).isEmpty)

        _ = venue.onQuote(Self.quote(), at: Self.second)
        let edge = venue.submit(Self.order(2, .buy, 1), at: 6 * Self.second)
        #expect(Self.fills(edge).count == 1, "exactly stale_after old is still fresh")
        let stale = venue.submit(Self.order(3, .buy, 1), at: 6 * Self.second + 1)
        #expect(Self.reports(stale).map(\.kind) == [.rejected] && Self.reports(stale).map(\.reason) == [.staleData])
        #expect(Self.fills(stale).isEmpty)
        #expect(Self.reports(stale).first?.leavesQuantity == 1)
    }

    @Test func duplicateOrderIDIsRejectedAndTheOriginalKeepsWorking() {
        var venue = Self.venue()
        _ = venue.onQuote(Self.quote(bidSize: 0), at: 0)
        _ = venue.submit(Self.order(1, .buy, 10, limit: 9_990), at: 1)
        let duplicate = venue.submit(Self.order(1, .buy, 3), at: 2)
        #expect(Self.reports(duplicate).map(\.reason) == [.duplicateOrder] && Self.fills(duplicate).isEmpty)
        #expect(venue.leavesQuantity(orderID: 1) == 10)
        let fills = Self.fills(venue.onTrade(Self.trade(9_990, 10, aggressor: .sell), at: 3))
        #expect(fills.map(\.quantity) == [10] && fills.first?.isFinal == true)
    }

    @Test func venueDownWindowRejectsArrivalsAndPausesMatching() {
        var venue = Self.venue(VenueProfile(downFrom: 10 * Self.second, downUntil: 20 * Self.second))
        _ = venue.onQuote(Self.quote(bidSize: 30), at: 9 * Self.second)
        _ = venue.submit(Self.order(1, .buy, 5, limit: 9_990), at: 9 * Self.second)
        #expect(Self.reports(venue.submit(Self.order(2, .buy, 1), at: 10 * Self.second)).map(\.reason) == [.venueDown])
        let through = Self.quote(bid: 9_970, ask: 9_980, askSize: 50)
        #expect(Self.fills(venue.onQuote(through, at: 15 * Self.second)).isEmpty, "no matching while down")
        #expect(Self.reports(venue.submit(Self.order(3, .buy, 1), at: 20 * Self.second - 1)).map(\.reason) == [.venueDown])
        let back = venue.onQuote(through, at: 20 * Self.second)
        #expect(Self.fills(back).map(\.orderID) == [1] && Self.fills(back).first?.price == 9_990)
        let accepted = venue.submit(Self.order(4, .buy, 1), at: 20 * Self.second)
        #expect(Self.reports(accepted).map(\.kind) == [.acknowledged] && Self.fills(accepted).first?.price == 9_980)
    }

    @Test func malformedOrdersAreRejectedWithTheirReason() {
        var venue = Self.venue()
        _ = venue.onQuote(Self.quote(bid: 0, bidSize: 0), at: 0)
        #expect(Self.reports(venue.submit(Self.order(1, .buy, 1, symbol: 5), at: 1)).map(\.reason) == [.unknownSymbol])
        #expect(Self.reports(venue.submit(Self.order(2, .buy, 0), at: 1)).map(\.reason) == [.invalidQuantity])
        #expect(Self.reports(venue.submit(Self.order(3, .buy, -4), at: 1)).map(\.reason) == [.invalidQuantity])
        #expect(Self.reports(venue.submit(Self.order(4, .buy, 1, type: .pegged), at: 1)).map(\.reason) == [.noLiquidity],
                "no bid to peg to")
        #expect(venue.workingOrderCount == 0)
    }

    // MARK: Fees

    @Test func makerAndTakerFeesOnKnownNotionals() {
        var venue = Self.venue(VenueProfile(makerFeeBasisPoints: -0.2, takerFeeBasisPoints: 3))
        _ = venue.onQuote(Self.quote(bid: 9_990, ask: 10_010, bidSize: 30, askSize: 5), at: 0)
        // Taker: 3 × 100.10 = 300.30 EUR = 30 030 cents × 3 bp = 9.009 → 9 cents.
        #expect(Self.fills(venue.submit(Self.order(1, .buy, 3), at: 1)).map(\.feeMinorUnits) == [9])
        // Maker: 100 × 99.90 = 999 000 cents × −0.2 bp = −19.98 → −20 cents (a rebate).
        _ = venue.submit(Self.order(2, .buy, 100, limit: 9_990), at: 2)
        let maker = Self.fills(venue.onQuote(Self.quote(bid: 9_980, ask: 9_990, bidSize: 10, askSize: 200), at: 3))
        #expect(maker.map(\.quantity) == [100] && maker.map(\.price) == [9_990])
        #expect(maker.map(\.feeMinorUnits) == [-20])

        // Halves round away from zero: 50.00 EUR at ±1 bp = ±0.5 cent → ±1.
        var halves = Self.venue(VenueProfile(makerFeeBasisPoints: -1, takerFeeBasisPoints: 1))
        _ = halves.onQuote(Self.quote(bid: 4_990, ask: 5_000, bidSize: 10, askSize: 10), at: 0)
        #expect(Self.fills(halves.submit(Self.order(1, .buy, 1), at: 1)).map(\.feeMinorUnits) == [1])
        _ = halves.submit(Self.order(2, .sell, 1, limit: 5_000), at: 2)
        let rebate = Self.fills(halves.onTrade(Self.trade(5_010, 1, aggressor: .buy), at: 3))
        #expect(rebate.map(\.price) == [5_000] && rebate.map(\.feeMinorUnits) == [-1])
    }

    // MARK: Invariants over a random session

    /// Random quotes, prints, orders of every type, cancels: every fill is at the bid or ask of the
    /// quote current at its time, at the print's price, or at the order's own resting price that
    /// the market reached; every accepted order ends exactly once, with consistent quantities.
    @Test func everyFillIsAtAPriceTheMarketOfferedAndEveryOrderEndsOnce() {
        var venue = Self.venue(VenueProfile(makerFeeBasisPoints: -0.2, takerFeeBasisPoints: 1, liquidity: 0.7))
        var random = RandomStream(seed: 42)
        var time: Timestamp = 0
        var mid: Int64 = 10_000
        var current: Quote?
        var orders: [UInt64: Order] = [:]
        var filled: [UInt64: Int64] = [:]
        var terminals: [UInt64: Int] = [:]
        var open: [UInt64] = []
        var nextID: UInt64 = 1
        var fillCount = 0

        for _ in 0..<5_000 {
            time += 1 + random.next(below: 400 * Self.millisecond)
            let action = random.next(below: 100)
            var events: [VenueEvent] = []
            var restingBefore: [UInt64: Int64] = [:]
            for id in open { restingBefore[id] = venue.restingPrice(orderID: id) }
            var tradePrice: Int64?
            var submitted: UInt64?
            if action < 55 {
                mid += Int64(random.next(below: 5)) - 2
                let spread = 1 + Int64(random.next(below: 3))
                let quote = Quote(symbol: 0, bidPrice: mid - spread, askPrice: mid + spread,
                                  bidSize: Int64(random.next(below: 20)), askSize: Int64(random.next(below: 20)), exchangeTime: time)
                current = quote
                venue.onQuote(quote, at: time, into: &events)
            } else if action < 75 {
                let price = mid + Int64(random.next(below: 9)) - 4
                tradePrice = price
                venue.onTrade(Trade(symbol: 0, price: price, size: 1 + Int64(random.next(below: 15)),
                                    aggressor: random.nextBernoulli(0.5) ? .buy : .sell, exchangeTime: time), at: time, into: &events)
            } else if action < 95 {
                let type = OrderType.allCases[Int(random.next(below: 3))]
                let order = Order(orderID: nextID, symbol: 0, side: random.nextBernoulli(0.5) ? .buy : .sell,
                                  quantity: Int64(random.next(below: 16)),
                                  limitPrice: type == .limit ? mid + Int64(random.next(below: 11)) - 5 : 0,
                                  traceID: 0, type: type)
                nextID += 1
                submitted = order.orderID
                orders[order.orderID] = order
                venue.submit(order, at: time, into: &events)
            } else if !open.isEmpty {
                venue.cancel(orderID: open[Int(random.next(below: UInt64(open.count)))], at: time, into: &events)
            }

            for event in events {
                let id = event.orderID
                let order = orders[id]!
                switch event {
                case .fill(let fill):
                    fillCount += 1
                    #expect(fill.quantity > 0)
                    let quote = current!
                    let atTouch = fill.price == (fill.side == .buy ? quote.askPrice : quote.bidPrice)
                    let atPrint = fill.price == tradePrice
                    let ownPrice = fill.price == restingBefore[id]
                        && (order.side == .buy ? min(quote.askPrice, tradePrice ?? .max) <= fill.price
                                               : max(quote.bidPrice, tradePrice ?? .min) >= fill.price)
                    #expect(atTouch || atPrint || ownPrice, "fill of \(id) at \(fill.price), quote \(quote), print \(String(describing: tradePrice))")
                    if order.type == .market { #expect(atTouch, "a market order takes the touch") }
                    filled[id, default: 0] += fill.quantity
                    #expect(filled[id]! <= order.quantity)
                    #expect(fill.isFinal == (filled[id] == order.quantity))
                    if fill.isFinal { terminals[id, default: 0] += 1 }
                case .report(let report):
                    switch report.kind {
                    case .acknowledged:
                        #expect(report.leavesQuantity == order.quantity)
                    case .rejected:
                        terminals[id, default: 0] += 1
                    case .cancelled, .expired:
                        terminals[id, default: 0] += 1
                        #expect(report.leavesQuantity == order.quantity - filled[id, default: 0])
                    }
                }
            }
            if let submitted { open.append(submitted) }
            open.removeAll { venue.leavesQuantity(orderID: $0) == nil }
        }
        _ = venue.onTime(time + venue.limitTimeToLiveNanoseconds)
        #expect(venue.workingOrderCount == 0)
        for id in 1..<nextID where terminals[id] != 1 {
            // Orders still open at the last step ended in the final onTime (not recorded above).
            #expect(terminals[id] == nil && open.contains(id), "order \(id) ended \(terminals[id] ?? 0) times")
        }
        #expect(fillCount > 200, "the session exercised matching: \(fillCount) fills")
    }

    // MARK: Latency models

    @Test func constantLatencyIsExactAndDrawsNothing() {
        var random = RandomStream(seed: 9)
        var untouched = RandomStream(seed: 9)
        #expect(LatencyModel.constant(1_234).sample(&random) == 1_234)
        #expect(random.next() == untouched.next())
    }

    @Test func empiricalLatencyDrawsOnlyListedValuesAndAllOfThem() {
        var random = RandomStream(seed: 9)
        let model = LatencyModel.empirical([5, 7, 11])
        var seen: Set<UInt64> = []
        for _ in 0..<1_000 {
            let value = model.sample(&random)
            #expect([5, 7, 11].contains(value))
            seen.insert(value)
        }
        #expect(seen == [5, 7, 11])
        #expect(LatencyModel.empirical([]).sample(&random) == 0)
    }

    @Test func lognormalMedianAndTruncatedNormal() {
        var random = RandomStream(seed: 17)
        let lognormal = LatencyModel.lognormal(median: 1_000_000, sigma: 0.5)
        let draws = (0..<10_000).map { _ in lognormal.sample(&random) }.sorted()
        let median = Double(draws[5_000])
        #expect(abs(median / 1_000_000 - 1) < 0.03, "median \(median)")
        #expect(Double(draws[8_413]) / 1_000_000 > 1.5, "right skew: 84th percentile ≈ e^0.5 × median")

        let normal = LatencyModel.normal(mean: 100, deviation: 1_000)
        let zeros = (0..<10_000).filter { _ in normal.sample(&random) == 0 }.count
        // P(100 + 1000 z < 0.5) = Φ(−0.0995) ≈ 0.46.
        #expect(zeros > 4_300 && zeros < 4_900, "truncated at 0: \(zeros) zeros")
    }

    // MARK: The actor in a kernel

    final class TimedSink: @unchecked Sendable {
        var records: [(time: Timestamp, message: Message)] = []
        var fills: [(time: Timestamp, fill: Fill)] {
            records.compactMap { if case .fill(let fill) = $0.message { ($0.time, fill) } else { nil } }
        }
        var reports: [(time: Timestamp, report: ExecutionReport)] {
            records.compactMap { if case .report(let report) = $0.message { ($0.time, report) } else { nil } }
        }
    }

    /// Records what it hears with the delivery time (``TopicRecorder`` keeps only the messages).
    actor TimedRecorder: Component {
        nonisolated let context: Context
        nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
        let sink: TimedSink
        init(context: Context, sink: TimedSink) {
            self.context = context
            self.sink = sink
        }
        func start() {
            context.subscribe(context.topic(Topics.fills))
            context.subscribe(context.topic(Topics.executionReports))
        }
        func receive(_ delivery: Delivery) { sink.records.append((delivery.time, delivery.message)) }
    }

    /// The broker's counters after a run.
    struct Counters: Equatable {
        var ordersReceived, fillsSent, duplicateFillsSent, reportsSent, unknownVenueRejects, duplicateOrderRejects: Int
    }

    /// Runs a broker over `inputs` (quotes and orders, by topic name); returns its counters (read
    /// while the kernel is alive: a context does not keep its kernel) and what it published.
    static func runBroker(_ parameters: SimulatedBroker.Parameters, seed: UInt64 = 1,
                         _ inputs: [(time: Timestamp, topic: String, message: Message)]) throws -> (Counters, TimedSink) {
        let kernel = Kernel(configuration: KernelConfiguration(seed: seed, startTime: 0))
        var broker: SimulatedBroker?
        kernel.spawn("broker") { context in
            let made = SimulatedBroker(context: context, parameters: parameters, instruments: instruments)
            broker = made
            return made
        }
        let sink = TimedSink()
        kernel.spawn("listener") { TimedRecorder(context: $0, sink: sink) }
        try kernel.addInput(ArrayInputSource(inputs.map {
            InputRecord(time: $0.time, topic: kernel.topic(named: $0.topic), message: $0.message)
        }))
        _ = try kernel.run()
        let counters = try #require(broker).assumeIsolated {
            Counters(ordersReceived: $0.ordersReceived, fillsSent: $0.fillsSent, duplicateFillsSent: $0.duplicateFillsSent,
                     reportsSent: $0.reportsSent, unknownVenueRejects: $0.rejects(.unknownVenue),
                     duplicateOrderRejects: $0.rejects(.duplicateOrder))
        }
        return (counters, sink)
    }

    @Test func fillIsPublishedAfterOrderLatencyPlusAckLatency() throws {
        let parameters = SimulatedBroker.Parameters(venues: [
            VenueProfile(orderLatency: .constant(2 * Self.millisecond), ackLatency: .constant(500_000)),
        ])
        let sent = 1_500 * Self.millisecond
        let (counters, sink) = try Self.runBroker(parameters, [
            (Self.second, Topics.quotes, .quote(Self.quote(askSize: 10))),
            (sent, Topics.orders, .order(Self.order(1, .buy, 3))),
        ])
        let expected = sent + 2 * Self.millisecond + 500_000
        #expect(sink.reports.map(\.time) == [expected] && sink.reports.first?.report.kind == .acknowledged)
        #expect(sink.fills.map(\.time) == [expected])
        let fill = try #require(sink.fills.first?.fill)
        #expect(fill.quantity == 3 && fill.price == 10_010 && fill.isFinal && fill.fillID != 0)
        #expect(sink.records.first.map { if case .report = $0.message { true } else { false } } == true, "ack before fill")
        #expect(counters == Counters(ordersReceived: 1, fillsSent: 1, duplicateFillsSent: 0, reportsSent: 1,
                                     unknownVenueRejects: 0, duplicateOrderRejects: 0))
    }

    @Test func orderEntryRejectsUnknownVenueAndDuplicateAtOnceAndResendsFills() throws {
        var parameters = SimulatedBroker.Parameters(orderLatencyNanoseconds: Self.millisecond, feeBasisPoints: 1)
        parameters.duplicateReportProbability = 1
        let (counters, sink) = try Self.runBroker(parameters, [
            (Self.second, Topics.quotes, .quote(Self.quote(askSize: 10))),
            (Self.second + 10, Topics.orders, .order(Self.order(1, .buy, 2, venue: 3))),
            (Self.second + 20, Topics.orders, .order(Self.order(2, .buy, 2))),
            (Self.second + 30, Topics.orders, .order(Self.order(2, .buy, 5))),
        ])
        let rejects = sink.reports.filter { $0.report.kind == .rejected }
        #expect(rejects.map(\.report.reason) == [.unknownVenue, .duplicateOrder])
        #expect(rejects.map(\.time) == [Self.second + 10, Self.second + 30], "rejected on receipt, no latency")
        #expect(sink.fills.count == 2 && sink.fills[0].fill == sink.fills[1].fill, "the resend has the same fill id")
        #expect(sink.fills.first?.time == Self.second + 20 + Self.millisecond)
        #expect(sink.fills.first?.fill.quantity == 2)
        #expect(counters == Counters(ordersReceived: 3, fillsSent: 1, duplicateFillsSent: 1, reportsSent: 3,
                                     unknownVenueRejects: 1, duplicateOrderRejects: 1))
    }

    @Test func randomLatencyReordersArrivalsDeterministicallyAndEveryOrderEndsOnce() throws {
        let parameters = SimulatedBroker.Parameters(venues: [
            VenueProfile(orderLatency: .normal(mean: Self.millisecond, deviation: 800_000),
                         ackLatency: .lognormal(median: 200_000, sigma: 0.5)),
        ])
        var inputs: [(time: Timestamp, topic: String, message: Message)] = [
            (Self.second, Topics.quotes, .quote(Self.quote(askSize: 1_000))),
        ]
        for id in 1...20 {
            inputs.append((Self.second + UInt64(id) * 10_000, Topics.orders, .order(Self.order(UInt64(id), .buy, 1))))
        }
        let (_, first) = try Self.runBroker(parameters, seed: 3, inputs)
        let (_, second) = try Self.runBroker(parameters, seed: 3, inputs)
        let order = first.fills.map(\.fill.orderID)
        #expect(order == second.fills.map(\.fill.orderID))
        #expect(first.fills.map(\.time) == second.fills.map(\.time))
        #expect(Set(order) == Set(1...20) && order.count == 20, "one final fill each")
        #expect(order != order.sorted(), "random latency lets later orders arrive first")
        // A venue session is FIFO: the ack of an order is never delivered after its fill.
        for id in 1...20 {
            let ack = try #require(first.records.firstIndex { if case .report(let r) = $0.message { r.orderID == UInt64(id) } else { false } })
            let fill = try #require(first.records.firstIndex { if case .fill(let f) = $0.message { f.orderID == UInt64(id) } else { false } })
            #expect(ack < fill)
        }
    }
}
