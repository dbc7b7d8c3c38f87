import Kernel
import Messages
import Logging

/// The risk gate: judges every ``Intent`` against the hard limits (``GateLimits``) with
/// ``GateCheck``, publishes a ``GateDecision`` for each, and passes what it allowed on to the
/// router. It keeps its own book: positions and cash from the portfolio, open orders from the
/// order flow, marks and last trades from the market, σ from 1-minute returns. A drawdown of
/// `maximumDrawdown` from the equity peak engages the kill switch: no new risk until an operator
/// calls ``resetKillSwitch()``; reducing intents still pass. A loss of `maximumDailyLoss` within a
/// trading day stops new risk likewise, until the next day begins (``DailyLossLimit``).
public actor RiskGate: Component {
    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    @exclusivity(unchecked) public private(set) var limits: GateLimits
    @exclusivity(unchecked) var book: GateBook
    @exclusivity(unchecked) private var openOrders: OpenOrders
    @exclusivity(unchecked) private var approvedNotOrdered: [Int64]
    @exclusivity(unchecked) private var lastQuoteTime: [Timestamp]
    @exclusivity(unchecked) private var lastTradePrice: [Int64]
    @exclusivity(unchecked) private var lastApprovalTime: [Timestamp?]
    @exclusivity(unchecked) private var volatility: DailyVolatility
    @exclusivity(unchecked) private var approvalTimes: [Timestamp] = []
    @exclusivity(unchecked) private var peakEquityMinorUnits: Int64
    @exclusivity(unchecked) private var samplingArmed = false
    /// The sessions whose opens begin the daily loss limit's days (the first instrument's that has them).
    private let dayCalendar: TradingSessions?
    /// Each symbol's sessions, for the stale guard; nil when no instrument has any.
    private let sessions: [TradingSessions?]?
    private let decisionsTopic: TopicID
    private let approvedTopic: TopicID
    /// The daily loss limit's day and state; nil without `maximumDailyLoss`.
    @exclusivity(unchecked) private var dailyLoss: DailyLossLimit?
    @exclusivity(unchecked) public private(set) var killSwitchEngaged = false
    @exclusivity(unchecked) public private(set) var killSwitchTime: Timestamp?
    /// Quotes refused as marks because they would value the book beyond the valuation domain.
    @exclusivity(unchecked) public private(set) var marksOutsideValuationDomain = 0
    @exclusivity(unchecked) public private(set) var outcomeCounts: [GateDecision.Outcome: Int] = [:]
    /// Decisions (projected or rejected) that named each reason, by report name (only the
    /// reasons named at least once).
    public var reasonCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for (slot, (_, name)) in GateReasons.named.enumerated() where reasonCountsBySlot[slot] > 0 {
            counts[name] = reasonCountsBySlot[slot]
        }
        return counts
    }
    /// The same counts by position in ``GateReasons/named``: counted per decision without
    /// building the names (an array of names per decision was two allocations on the hot path).
    @exclusivity(unchecked) private var reasonCountsBySlot = [Int](repeating: 0, count: GateReasons.named.count)

    /// Checks other packages registered, applied after the gate's own limits, in the scenario's order.
    @exclusivity(unchecked) var customChecks: [any CustomGateCheck]
    /// Each check's ``PackageMessageReceiver/receivedMessageTypes``, read once at start: a check's
    /// property may build its list on every read.
    @exclusivity(unchecked) var checkMessageTypes: [[UInt16]] = []

    public init(context: Context, limits: GateLimits, instruments: [Instrument], initialCashMinorUnits: Int64,
                customChecks: [any CustomGateCheck] = []) {
        self.context = context
        self.limits = limits
        self.customChecks = customChecks
        book = GateBook(instruments: instruments, cashMinorUnits: initialCashMinorUnits)
        openOrders = OpenOrders(symbolCount: instruments.count)
        approvedNotOrdered = Array(repeating: 0, count: instruments.count)
        lastQuoteTime = Array(repeating: 0, count: instruments.count)
        lastTradePrice = Array(repeating: 0, count: instruments.count)
        lastApprovalTime = Array(repeating: nil, count: instruments.count)
        volatility = DailyVolatility(symbolCount: instruments.count)
        peakEquityMinorUnits = initialCashMinorUnits
        let calendar = instruments.lazy.compactMap(\.sessions).first { !$0.opens.isEmpty }
        dayCalendar = calendar
        sessions = instruments.contains { $0.sessions != nil } ? instruments.map(\.sessions) : nil
        dailyLoss = limits.maximumDailyLoss.map { DailyLossLimit(fraction: $0, sessions: calendar) }
        decisionsTopic = context.topic(Topics.gateDecisions, publishedAs: .gate)
        approvedTopic = context.topic(Topics.approvedIntents, publishedAs: .gate)
    }

    public func start() {
        checkMessageTypes = customChecks.map(\.receivedMessageTypes)
        let receives = checkMessageTypes.contains { !$0.isEmpty }
        context.subscribe(as: .gate) { $0 == .receivesPackageMessages && receives }
    }

    /// The operator engages the kill switch by hand (chaos: gate_kill_switch): recorded in the
    /// decision log like a drawdown kill.
    public func engageKillSwitch() {
        engage(.killSwitch, why: "kill switch engaged by the operator", metadata: [:])
    }

    /// Engages the kill switch (once) and records it in the decision log — the router's cue to stop
    /// sending slices.
    private func engage(_ reasons: GateReasons, why: Logger.Message, metadata: Logger.Metadata) {
        guard !killSwitchEngaged else { return }
        killSwitchEngaged = true
        killSwitchTime = context.now
        context.logger.warning(why, metadata: metadata)
        context.publish(decisionsTopic, .gate(GateDecision(symbol: GateDecision.allSymbols, outcome: .rejected, requestedQuantity: 0,
                                                           approvedQuantity: 0, reasons: reasons, traceID: context.traceID)))
    }

    /// New limits take effect from the next intent (chaos: gate_limit_reload); positions already
    /// over them are not forced out, only new risk is judged against them.
    public func reloadLimits(_ newLimits: GateLimits) {
        limits = newLimits
        if let fraction = newLimits.maximumDailyLoss {
            if dailyLoss == nil { dailyLoss = DailyLossLimit(fraction: fraction, sessions: dayCalendar) }
            dailyLoss?.fraction = fraction
        } else {
            dailyLoss = nil
        }
        context.logger.warning("gate limits reloaded")
    }

    /// The operator's reset after a kill: risk may be taken again, and the peak restarts from now.
    public func resetKillSwitch() {
        killSwitchEngaged = false
        peakEquityMinorUnits = book.equityMinorUnits
        context.logger.warning("kill switch reset by the operator")
    }

    /// True while the day's loss has stopped new risk (``GateLimits/maximumDailyLoss``).
    public var dailyLossStopped: Bool { dailyLoss?.stopped ?? false }
    /// Trading days on which the daily loss limit stopped new risk.
    public var dailyLossStops: Int { dailyLoss?.stops ?? 0 }

    public func receive(_ delivery: Delivery) {
        if dailyLoss != nil, dailyLoss?.roll(at: delivery.time, equityMinorUnits: book.equityMinorUnits) == true {
            context.logger.info("daily loss limit lifted: a new trading day")
        }
        switch delivery.message {
        case .intent(let intent):
            judge(intent)
        case .quote(let quote):
            let index = Int(quote.symbol)
            guard index < book.marks.count else { return }
            guard book.isValuable(index, at: quote.midPrice) else {
                // A price that values the book beyond the domain is no mark, and no ground for risk.
                marksOutsideValuationDomain += 1
                engage([.killSwitch, .valuation], why: "kill switch engaged: a price values the book beyond the valuation domain",
                       metadata: ["symbol": "\(book.instruments[index].symbol)", "mid": "\(quote.midPrice)"])
                return
            }
            book.marks[index] = quote.midPrice
            lastQuoteTime[index] = delivery.time
            if !samplingArmed {
                // Volatility samples run while quotes arrive (a timer re-armed forever would keep
                // a run without an end time going).
                samplingArmed = true
                _ = context.schedule(after: 60_000_000_000)
            }
            if book.positions[index] != 0 { watchDrawdown() }
        case .trade(let trade):
            if Int(trade.symbol) < lastTradePrice.count { lastTradePrice[Int(trade.symbol)] = trade.price }
        case .position(let update):
            guard Int(update.symbol) < book.positions.count else { return }
            book.positions[Int(update.symbol)] = update.position
            book.cashMinorUnits = update.cashMinorUnits
            recommit(Int(update.symbol))
            watchDrawdown()
        case .order(let order):
            _ = openOrders.absorb(delivery.message)
            let index = Int(order.symbol)
            guard index < approvedNotOrdered.count else { return }
            // The order carries out (part of) an approval: it moves from "approved" to "open".
            let signed = order.side.sign * order.quantity
            let pending = approvedNotOrdered[index]
            approvedNotOrdered[index] = pending * signed > 0 ? (abs(signed) >= abs(pending) ? 0 : pending - signed) : pending
            recommit(index)
        case .fill(let fill):
            _ = openOrders.absorb(delivery.message)
            if Int(fill.symbol) < book.committed.count { recommit(Int(fill.symbol)) }
        case .report(let report):
            _ = openOrders.absorb(delivery.message)
            if Int(report.symbol) < book.committed.count { recommit(Int(report.symbol)) }
        case .timer:
            samplingArmed = false
            volatility.sample(mids: book.marks)
            book.dailyVolatility = volatility.values
        case .package(let message):
            for index in customChecks.indices where checkMessageTypes[index].contains(message.typeID) {
                customChecks[index].receive(message, at: delivery.time)
            }
        default:
            break
        }
    }

    private func recommit(_ index: Int) {
        book.committed[index] = book.positions[index] + openOrders.openQuantity[index] + approvedNotOrdered[index]
    }

    private func watchDrawdown() {
        let equity = book.equityMinorUnits
        if equity > peakEquityMinorUnits { peakEquityMinorUnits = equity }
        guard !killSwitchEngaged, peakEquityMinorUnits > 0 else { return }
        if equity > MarketBounds.maximumEquityMinorUnits {
            // Beyond it the books' sums could outgrow 64 bits: no new risk (MarketBounds).
            return engage([.killSwitch, .valuation], why: "kill switch engaged: equity beyond the valuation domain",
                          metadata: ["equity": "\(equity)"])
        }
        let drawdown = Double(peakEquityMinorUnits - equity) / Double(peakEquityMinorUnits)
        if drawdown >= limits.maximumDrawdown {
            engage(.killSwitch, why: "kill switch engaged", metadata: ["drawdown": "\(drawdown)", "equity": "\(equity)"])
        }
        if dailyLoss?.check(equityMinorUnits: equity) == true {
            // Recorded like the kill switch, with its own reason: no new risk until the next day.
            context.logger.warning("daily loss limit reached: no new risk until the next session", metadata: ["equity": "\(equity)"])
            context.publish(decisionsTopic, .gate(GateDecision(symbol: GateDecision.allSymbols, outcome: .rejected, requestedQuantity: 0,
                                                               approvedQuantity: 0, reasons: .dailyLoss, traceID: context.traceID)))
        }
    }

    private func judge(_ intent: Intent) {
        let index = Int(intent.symbol)
        let now = context.now
        var situation = GateCheck.Situation()
        situation.killSwitchEngaged = killSwitchEngaged
        situation.dailyLossStopped = dailyLoss?.stopped ?? false
        if index < book.marks.count {
            situation.stale = lastQuoteTime[index] == 0
                || TradingSessions.isStale(quoteTime: lastQuoteTime[index], at: now, after: limits.staleAfterNanoseconds,
                                           sessions: sessions?[index])
            let reference = lastTradePrice[index] > 0 ? lastTradePrice[index] : book.marks[index]
            situation.outsideBand = reference > 0
                && abs(Double(intent.referencePrice - reference)) > limits.priceBand * Double(reference)
            if let last = lastApprovalTime[index] { situation.coolingDown = now - last < limits.cooldownNanoseconds }
        }
        approvalTimes.removeAll { now - $0 >= 60_000_000_000 }
        situation.throttled = approvalTimes.count >= limits.maximumOrdersPerMinute
        var decision = GateCheck.evaluate(intent, book: book, limits: limits, situation: situation)
        if !customChecks.isEmpty { applyCustomChecks(to: &decision, intent: intent) }
        outcomeCounts[decision.outcome, default: 0] += 1
        if !decision.reasons.isEmpty {
            for (slot, (reason, _)) in GateReasons.named.enumerated() where decision.reasons.contains(reason) {
                reasonCountsBySlot[slot] += 1
            }
        }
        context.publish(decisionsTopic, .gate(decision))
        guard decision.approvedQuantity != 0 else { return }
        approvedNotOrdered[index] += decision.approvedQuantity
        recommit(index)
        lastApprovalTime[index] = now
        approvalTimes.append(now)
        var approved = intent
        approved.quantity = decision.approvedQuantity
        context.publish(approvedTopic, .intent(approved))
    }
}
