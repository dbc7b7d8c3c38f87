import Kernel
import Messages
import Logging

/// Turns forecasts (and the selector's slates, when there is one) into ``Intent``s: a target
/// position per symbol from ``KellySizing``, with the account's equity, drawdown and tail risk as
/// the sizer sees them (cash and positions from the portfolio, marks from the quotes).
/// It emits an intent only when a symbol's target changes; a gate verdict that cut or refused
/// one makes the sizer re-base that symbol on what was let through.
public actor Sizer: Component {
    public struct Parameters: Sendable, Equatable {
        public var sizing: KellySizing
        /// Hold only the selector's picks (the trader of a scenario with a selector).
        public var followsSlates: Bool
        /// Portfolio returns are sampled at this interval for the CVaR.
        public var sampleIntervalNanoseconds: DurationNanoseconds
        /// Returns in the CVaR window.
        public var tailWindow: Int

        public init(sizing: KellySizing = KellySizing(), followsSlates: Bool = false,
                    sampleIntervalNanoseconds: DurationNanoseconds = 60_000_000_000, tailWindow: Int = 252) {
            self.sizing = sizing
            self.followsSlates = followsSlates
            self.sampleIntervalNanoseconds = sampleIntervalNanoseconds
            self.tailWindow = tailWindow
        }
    }

    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    private let parameters: Parameters
    private let instruments: [Instrument]
    @exclusivity(unchecked) private var mu: [Double]
    @exclusivity(unchecked) private var sigma: [Double]
    @exclusivity(unchecked) private var traces: [UInt64]
    /// The agents' shares of each symbol's latest forecast.
    @exclusivity(unchecked) private var shares: [AgentShares]
    @exclusivity(unchecked) private var marks: [Int64]
    @exclusivity(unchecked) private var positions: [Int64]
    @exclusivity(unchecked) private var targets: [Int64]
    @exclusivity(unchecked) private var cashMinorUnits: Int64
    @exclusivity(unchecked) private var peakEquityMinorUnits: Int64
    @exclusivity(unchecked) private var lastSampleEquity: Int64
    @exclusivity(unchecked) private var tail: TailRisk
    /// CVaR₉₅ of the sampled returns; it changes only when a return is added, so it is computed
    /// then (a sort of the window), not on every sizing.
    @exclusivity(unchecked) private var conditionalValueAtRisk: Double?
    @exclusivity(unchecked) private var openOrders: OpenOrders
    @exclusivity(unchecked) private var slatePicks: [SymbolID] = []
    @exclusivity(unchecked) private var currentSlate: UInt64 = 0
    private let intentsTopic: TopicID
    @exclusivity(unchecked) public private(set) var intentsSent = 0
    /// The agents behind each intent (its forecast's shares), for the report's PnL attribution.
    /// Kept until the run's history takes them (``removeDecisionShares(before:)``).
    @exclusivity(unchecked) public private(set) var decisionShares: [DecisionShares] = []
    @exclusivity(unchecked) private var samplingArmed = false
    /// A package's sizing rule in place of ``KellySizing`` (``CustomSizingRule``).
    @exclusivity(unchecked) var customRule: (any CustomSizingRule)?
    /// The rule's ``PackageMessageReceiver/receivedMessageTypes``, read once at start.
    @exclusivity(unchecked) var ruleMessageTypes: [UInt16] = []

    public init(context: Context, parameters: Parameters, instruments: [Instrument], initialCashMinorUnits: Int64,
                customRule: (any CustomSizingRule)? = nil) {
        self.context = context
        self.customRule = customRule
        self.parameters = parameters
        self.instruments = instruments
        let count = instruments.count
        mu = Array(repeating: 0, count: count)
        sigma = Array(repeating: 0, count: count)
        traces = Array(repeating: 0, count: count)
        shares = Array(repeating: AgentShares(), count: count)
        marks = Array(repeating: 0, count: count)
        positions = Array(repeating: 0, count: count)
        targets = Array(repeating: 0, count: count)
        cashMinorUnits = initialCashMinorUnits
        peakEquityMinorUnits = initialCashMinorUnits
        lastSampleEquity = initialCashMinorUnits
        tail = TailRisk(capacity: parameters.tailWindow)
        openOrders = OpenOrders(symbolCount: count)
        intentsTopic = context.topic(Topics.intents, publishedAs: .sizer)
        decisionShares.reserveCapacity(DecisionShares.reservedCount)
    }

    public func start() {
        let followsSlates = parameters.followsSlates
        ruleMessageTypes = customRule?.receivedMessageTypes ?? []
        let receives = !ruleMessageTypes.isEmpty
        context.subscribe(as: .sizer) { ($0 == .followsSlates && followsSlates) || ($0 == .receivesPackageMessages && receives) }
    }

    /// Cash plus every position at its mark, in minor units.
    public var equityMinorUnits: Int64 {
        var equity = cashMinorUnits
        for index in positions.indices where positions[index] != 0 {
            // Saturates at the valuation domain's bound (a fill may have taken the position there).
            equity += instruments[index].saturatedNotionalMinorUnits(quantity: positions[index], price: marks[index])
        }
        return equity
    }

    public func receive(_ delivery: Delivery) {
        switch delivery.message {
        case .quote(let quote):
            let index = Int(quote.symbol)
            guard index < marks.count else { return }
            // A price valuing the position beyond the domain is no mark (the gate's kill switch
            // engages on it): sizing keeps the last valuable one.
            if positions[index] != 0, instruments[index].checkedNotionalMinorUnits(quantity: positions[index], price: quote.midPrice) == nil {
                return
            }
            marks[index] = quote.midPrice
            armSampling()
        case .forecast(let forecast):
            let index = Int(forecast.symbol)
            guard index < mu.count, forecast.mu.isFinite, forecast.sigma.isFinite else { return }
            mu[index] = forecast.mu
            sigma[index] = forecast.sigma
            traces[index] = forecast.traceID
            shares[index] = forecast.shares
            if !parameters.followsSlates { resize(index, held: true) }
        case .slate(let entry):
            apply(entry)
        case .position(let update):
            guard Int(update.symbol) < positions.count else { return }
            positions[Int(update.symbol)] = update.position
            cashMinorUnits = update.cashMinorUnits
        case .gate(let decision):
            // Re-base on what the gate let through, so a refused intent can be asked again.
            guard decision.outcome != .approved, Int(decision.symbol) < targets.count else { return }
            targets[Int(decision.symbol)] -= decision.requestedQuantity - decision.approvedQuantity
        case .order, .fill, .report:
            // Lots that will never fill (rejected, cancelled, expired) come off the target, so
            // they can be asked for again.
            if let (symbol, abandoned) = openOrders.absorb(delivery.message) { targets[Int(symbol)] -= abandoned }
        case .timer:
            samplingArmed = false
            sampleReturn()
        case .package(let message):
            if ruleMessageTypes.contains(message.typeID) { customRule?.receive(message, at: delivery.time) }
        default:
            break
        }
    }

    /// Samples run while quotes arrive: a timer re-armed forever would keep a run without an end
    /// time (or a quiet night) going.
    private func armSampling() {
        guard !samplingArmed else { return }
        samplingArmed = true
        _ = context.schedule(after: parameters.sampleIntervalNanoseconds)
    }

    private func sampleReturn() {
        let equity = equityMinorUnits
        if lastSampleEquity > 0 {
            tail.add(Double(equity - lastSampleEquity) / Double(lastSampleEquity))
            conditionalValueAtRisk = tail.conditionalValueAtRisk()
        }
        lastSampleEquity = equity
    }

    /// Collects a slate's picks; on its last pick, sizes the picks and flattens the rest.
    private func apply(_ entry: SlateEntry) {
        if entry.slateID != currentSlate {
            currentSlate = entry.slateID
            slatePicks.removeAll(keepingCapacity: true)
        }
        slatePicks.append(entry.symbol)
        guard Int(entry.rank) + 1 == Int(entry.count) else { return }
        for index in targets.indices { resize(index, held: slatePicks.contains(SymbolID(index))) }
    }

    private func resize(_ index: Int, held: Bool) {
        let mark = marks[index]
        guard mark > 0 else { return }
        let equity = equityMinorUnits
        if equity > peakEquityMinorUnits { peakEquityMinorUnits = equity }
        let drawdown = peakEquityMinorUnits > 0 ? Double(peakEquityMinorUnits - equity) / Double(peakEquityMinorUnits) : 0
        // A lot worth more than the valuation domain cannot be sized (nor filled).
        guard let lotNotional = instruments[index].checkedNotionalMinorUnits(quantity: instruments[index].lotSize, price: mark) else { return }
        let currentLots = positions[index] / instruments[index].lotSize
        let result = customRule.map { rule in
            sized(by: rule, SizingRequest(symbol: SymbolID(index), mu: held ? mu[index] : 0, sigma: sigma[index], held: held,
                                          equityMinorUnits: equity, drawdown: drawdown, conditionalValueAtRisk: conditionalValueAtRisk,
                                          markPrice: mark, lotNotionalMinorUnits: lotNotional, currentLots: currentLots))
        } ?? parameters.sizing.size(mu: held ? mu[index] : 0, sigma: sigma[index], equityMinorUnits: equity,
                                    drawdown: drawdown, cvar: conditionalValueAtRisk,
                                    lotNotionalMinorUnits: lotNotional, currentQuantity: currentLots)
        let target = result.targetQuantity * instruments[index].lotSize
        guard target != targets[index] else { return }
        let intent = Intent(symbol: SymbolID(index), targetQuantity: target, quantity: target - targets[index], referencePrice: mark,
                            kellyWeight: Float(result.kellyWeight), cappedWeight: Float(result.cappedWeight),
                            drawdownScale: Float(result.drawdownScale), cvarScale: Float(result.cvarScale), traceID: traces[index])
        targets[index] = target
        intentsSent += 1
        decisionShares.append(DecisionShares(time: context.now, symbol: SymbolID(index), traceID: traces[index], shares: shares[index]))
        context.publish(intentsTopic, .intent(intent))
    }

    /// A package rule's target, kept within the lots the valuation domain holds; the intent's
    /// weights are the target's share of equity (no Kelly step is behind it, so both scales are 1).
    private func sized(by rule: any CustomSizingRule, _ request: SizingRequest) -> KellySizing.Result {
        // A lot worth less than a minor unit cannot be sized (as for Kelly sizing): flat.
        guard request.lotNotionalMinorUnits > 0 else {
            return KellySizing.Result(kellyWeight: 0, cappedWeight: 0, drawdownScale: 1, cvarScale: 1, targetQuantity: 0)
        }
        let maximumLots = MarketBounds.maximumPositionValueMinorUnits / request.lotNotionalMinorUnits
        let target = min(max(rule.targetLots(for: request), -maximumLots), maximumLots)
        let weight = request.equityMinorUnits > 0
            ? Double(target) * Double(request.lotNotionalMinorUnits) / Double(request.equityMinorUnits) : 0
        return KellySizing.Result(kellyWeight: weight, cappedWeight: weight, drawdownScale: 1, cvarScale: 1, targetQuantity: target)
    }

    /// Hands the decision records made before `cutoff` to the run's history (the report's PnL
    /// attribution), which takes them as the run goes so they never pile up.
    public func removeDecisionShares(before cutoff: Timestamp) -> [DecisionShares] {
        decisionShares.removeRecords(before: cutoff)
    }
}
