@testable import Actors
import Kernel
import Messages
import Testing

/// Sessions as the run reads them (built by hand here; the loader's zones in
/// `SessionLoaderTests`): session time in a quote's age, trading days, and the daily loss limit
/// that stops new risk for the rest of a day and lifts at the next open.
@Suite struct TradingSessionTests {
    static let second: UInt64 = 1_000_000_000
    /// Two sessions: [10 s, 50 s) of day 7 and [100 s, 150 s) of day 8.
    static let sessions = TradingSessions(opens: [10 * second, 100 * second], closes: [50 * second, 150 * second], days: [7, 8])
    static let instrument = Instrument(symbol: "A", sector: "s", pricePrecision: 2, lotSize: 1, sessions: sessions)

    @Test func sessionsAnswerOpenDayAndNextOpen() {
        let s = Self.second
        #expect(!Self.sessions.isOpen(at: 5 * s) && Self.sessions.isOpen(at: 10 * s) && !Self.sessions.isOpen(at: 50 * s))
        #expect(Self.sessions.tradingDay(of: 60 * s) == 7, "after the close, the day that closed")
        #expect(Self.sessions.tradingDay(of: 100 * s) == 8)
        #expect(Self.sessions.nextOpen(after: 10 * s) == 100 * s && Self.sessions.nextOpen(after: 100 * s) == nil)
        #expect(Self.sessions.nextOpen(after: 0) == 10 * s)
    }

    /// Only session time ages a quote: 2 s before the close to 2 s after the next open is 4 s.
    @Test func onlySessionTimeAgesAQuote() {
        let s = Self.second
        #expect(!Self.instrument.isStale(quoteTime: 48 * s, at: 102 * s, after: 5 * s), "4 s of session time")
        #expect(Self.instrument.isStale(quoteTime: 48 * s, at: 104 * s, after: 5 * s), "6 s of session time")
        #expect(!Self.instrument.isStale(quoteTime: 20 * s, at: 99 * s, after: 40 * s), "30 s: the gap does not count")
        #expect(!Self.instrument.isStale(quoteTime: 60 * s, at: 90 * s, after: 5 * s), "no quote goes stale while closed")
        let always = Instrument(symbol: "B", sector: "s", pricePrecision: 2, lotSize: 1)
        #expect(always.isStale(quoteTime: 48 * s, at: 102 * s, after: 5 * s), "without sessions every second counts")
    }

    /// The venue's stale guard counts session time: an order 2 s after the open fills on the quote
    /// of 2 s before the close, where a venue without sessions rejects it stale_data.
    @Test func theVenueFillsOnTheLastQuoteOfThePreviousSession() {
        let s = Self.second
        for (instrument, filled) in [(Self.instrument, true), (Instrument(symbol: "A", sector: "s", pricePrecision: 2, lotSize: 1), false)] {
            var venue = SimulatedVenue(index: 0, profile: VenueProfile(takerFeeBasisPoints: 0), instruments: [instrument])
            _ = venue.onQuote(Quote(symbol: 0, bidPrice: 9_999, askPrice: 10_001, bidSize: 10, askSize: 10, exchangeTime: 48 * s), at: 48 * s)
            let events = venue.submit(Order(orderID: 1, symbol: 0, side: .buy, quantity: 1, limitPrice: 0, traceID: 1), at: 102 * s)
            let fills = events.filter { if case .fill = $0 { true } else { false } }
            let stale = events.contains { if case .report(let report) = $0 { report.reason == .staleData } else { false } }
            #expect(fills.count == (filled ? 1 : 0) && stale == !filled)
        }
    }

    /// An order that reaches the venue while the market is closed is rejected market_closed, even
    /// on a quote that is not stale (session time).
    @Test func theVenueRejectsOrdersOutsideTheSession() {
        let s = Self.second
        var venue = SimulatedVenue(index: 0, profile: VenueProfile(takerFeeBasisPoints: 0), instruments: [Self.instrument])
        _ = venue.onQuote(Quote(symbol: 0, bidPrice: 9_999, askPrice: 10_001, bidSize: 10, askSize: 10, exchangeTime: 48 * s), at: 48 * s)
        let closed = venue.submit(Order(orderID: 1, symbol: 0, side: .buy, quantity: 1, limitPrice: 0, traceID: 1), at: 60 * s)
        #expect(closed.contains { if case .report(let report) = $0 { report.kind == .rejected && report.reason == .marketClosed } else { false } })
        #expect(ExecutionReport.RejectReason.marketClosed.description == "market_closed")
        let open = venue.submit(Order(orderID: 2, symbol: 0, side: .buy, quantity: 1, limitPrice: 0, traceID: 1), at: 49 * s)
        #expect(open.contains { if case .fill = $0 { true } else { false } })
    }

    @Test func theDailyLossLimitStopsAtTheLimitAndLiftsAtTheNextDay() {
        let s = Self.second
        var limit = DailyLossLimit(fraction: 0.02, sessions: Self.sessions)
        let began = limit.roll(at: 11 * s, equityMinorUnits: 100_000)
        let under = limit.check(equityMinorUnits: 98_001)  // 1.999 %
        let at = limit.check(equityMinorUnits: 98_000)  // 2 %
        let again = limit.check(equityMinorUnits: 90_000)  // stopped once a day
        #expect(!began && !under && at && !again && limit.stopped && limit.stops == 1)
        let beforeOpen = limit.roll(at: 99 * s, equityMinorUnits: 97_000)
        #expect(!beforeOpen && limit.stopped, "the day lasts until the next open")
        let atOpen = limit.roll(at: 100 * s, equityMinorUnits: 97_000)
        #expect(atOpen && !limit.stopped && limit.dayStartEquityMinorUnits == 97_000, "the open lifts it")
        // Without sessions a day is a UTC date.
        var utc = DailyLossLimit(fraction: 0.02, sessions: nil)
        _ = utc.roll(at: 3_600 * s, equityMinorUnits: 100_000)
        let stopped = utc.check(equityMinorUnits: 97_000)
        let lateSameDay = utc.roll(at: 86_399 * s, equityMinorUnits: 97_000)
        #expect(stopped && !lateSameDay && utc.stopped)
        let midnight = utc.roll(at: 86_400 * s, equityMinorUnits: 97_000)
        #expect(midnight && !utc.stopped)
    }

    /// The gate: 2 % lost within the day stops new risk (on record, reductions still pass), through
    /// the close, until the next session opens.
    @Test func theGateStopsNewRiskForTheRestOfTheDay() throws {
        let s = Self.second
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: 200 * s))
        var limits = GateLimits()
        limits.maximumSector = 10
        limits.maximumGross = 10
        limits.maximumNet = 10
        limits.maximumDrawdown = 0.5
        limits.cooldownNanoseconds = 0
        limits.staleAfterNanoseconds = 1_000 * s
        limits.maximumDailyLoss = 0.02
        kernel.spawn("gate") { RiskGate(context: $0, limits: limits, instruments: [Self.instrument], initialCashMinorUnits: 100_000) }
        let sink = MessageSink()
        kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.gateDecisions], sink: sink) }
        let quotes = kernel.topic(named: Topics.quotes)
        let intents = kernel.topic(named: Topics.intents)
        func quote(_ mid: Int64) -> Message { .quote(Quote(symbol: 0, bidPrice: mid - 1, askPrice: mid + 1, bidSize: 100, askSize: 100, exchangeTime: 0)) }
        func intent(_ quantity: Int64, _ reference: Int64) -> Message {
            .intent(Intent(symbol: 0, targetQuantity: quantity, quantity: quantity, referencePrice: reference, kellyWeight: 0, cappedWeight: 0,
                           drawdownScale: 1, cvarScale: 1, traceID: 1))
        }
        // 1 000 EUR, 5 lots bought at 100 EUR: 9 700 loses 15 EUR (1.5 %), 9 600 loses 20 EUR (2 %).
        try kernel.addInput(ArrayInputSource([
            InputRecord(time: 11 * s, topic: quotes, message: quote(10_000)),
            InputRecord(time: 12 * s, topic: kernel.topic(named: Topics.positions),
                        message: .position(PositionUpdate(symbol: 0, position: 5, cashMinorUnits: 50_000, realizedPnLMinorUnits: 0, traceID: 1))),
            InputRecord(time: 13 * s, topic: quotes, message: quote(9_700)),
            InputRecord(time: 14 * s, topic: intents, message: intent(1, 9_700)),
            InputRecord(time: 15 * s, topic: quotes, message: quote(9_600)),
            InputRecord(time: 16 * s, topic: intents, message: intent(1, 9_600)),
            InputRecord(time: 17 * s, topic: intents, message: intent(-2, 9_600)),
            InputRecord(time: 60 * s, topic: intents, message: intent(1, 9_600)),
            InputRecord(time: 101 * s, topic: quotes, message: quote(9_600)),
            InputRecord(time: 102 * s, topic: intents, message: intent(1, 9_600)),
        ]))
        _ = try kernel.run()
        let decisions = sink.messages.compactMap { if case .gate(let decision) = $0 { decision } else { nil } }
        #expect(decisions.map(\.outcome) == [.approved, .rejected, .rejected, .approved, .rejected, .approved])
        #expect(decisions[1].symbol == GateDecision.allSymbols && decisions[1].reasons == .dailyLoss, "the stop is on record")
        #expect(decisions[2].reasons == .dailyLoss && decisions[4].reasons == .dailyLoss, "no new risk, after the close too")
        #expect(decisions[3].approvedQuantity == -2, "reducing still passes")
        #expect(decisions[5].approvedQuantity == 1 && decisions[5].reasons.isEmpty, "the next session's open lifted it")
        #expect(GateReasons.dailyLoss.names == ["daily_loss"])
    }
}

extension TradingSessionTests {
    /// A `1d` selector from Monday 2013-08-26 14:00 UTC over a New York week and a half, Labor Day
    /// (Monday 2 September) a holiday: it fires eleven times, and chooses a slate on the eight
    /// weekdays only — none on the weekend or the holiday.
    @Test func aDailySelectorChoosesNoSlateWhileEveryMarketIsClosed() throws {
        let s = Self.second
        let day = TimeUnits.nanosecondsPerDay
        let monday = UInt64(TimeUnits.daysFromCivil(year: 2013, month: 8, day: 26))
        let tradingDays = (monday...(monday + 11)).filter { ($0 + 4) % 7 != 0 && ($0 + 4) % 7 != 6 && $0 != monday + 7 }
        let sessions = TradingSessions(opens: tradingDays.map { $0 * day + 48_600 * s }, closes: tradingDays.map { $0 * day + 72_000 * s },
                                       days: tradingDays)
        let start = monday * day + 50_400 * s
        for (calendar, expected) in [(Optional(sessions), 8), (nil, 11)] {
            let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: start, endTime: start + 11 * day + 1))
            let parameters = Selector.Parameters(count: 1, intervalNanoseconds: day, exploration: 0, maximumForecastAgeNanoseconds: 30 * day)
            kernel.spawn("selector") { Selector(context: $0, parameters: parameters, symbolCount: 1, sessions: [calendar]) }
            let sink = MessageSink()
            kernel.spawn("listener") { TopicRecorder(context: $0, topics: [Topics.slates], sink: sink) }
            let forecast = Forecast(mu: 0.01, sigma: 0.02, horizonNanoseconds: day, traceID: 1, shares: AgentShares(), symbol: 0, regime: 1)
            try kernel.addInput(ArrayInputSource([
                InputRecord(time: start + 1, topic: kernel.topic(named: Topics.forecasts), message: .forecast(forecast)),
            ]))
            _ = try kernel.run()
            let slateTimes = Set(sink.messages.compactMap { if case .slate(let entry) = $0 { entry.slateID } else { nil } })
            #expect(sink.messages.count >= expected)
            #expect(slateTimes.count == expected, "\(calendar == nil ? "no sessions" : "sessions"): \(slateTimes.count) slates")
        }
    }
}
