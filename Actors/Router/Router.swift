import DequeModule
import Kernel
import Messages
import Logging

/// Turns approved intents into orders: prices every (venue, order type) candidate with the
/// ``CostModel`` plus what it has learned — only on the venues that list the symbol
/// (``Instrument/venues``) — picks the cheapest (or, with probability ε, explores a random
/// listed one; the propensity is logged), sends the order — or POV slices — and, when the
/// parent is done, publishes a ``TradeCostRecord`` (arrival price, implementation shortfall) and
/// learns: each arm's correction is an EWMA of realized − predicted cost, where the unfilled part
/// of a parent counts at what crossing later would have cost (so a venue that never fills looks
/// as dear as it is). Lots that expire unfilled are left to the sizer, which asks again.
public actor Router: Component {
    public struct Parameters: Sendable, Equatable {
        public var venues: [VenueCosts]
        public var costModel: CostModel
        /// ε of the exploration.
        public var exploration: Double
        /// Weight of a new residual in an arm's correction.
        public var learningRate: Double
        public var sliceIntervalNanoseconds: DurationNanoseconds

        public init(venues: [VenueCosts], costModel: CostModel = CostModel(), exploration: Double = 0.05, learningRate: Double = 0.1,
                    sliceIntervalNanoseconds: DurationNanoseconds = 30_000_000_000) {
            self.venues = venues
            self.costModel = costModel
            self.exploration = exploration
            self.learningRate = learningRate
            self.sliceIntervalNanoseconds = sliceIntervalNanoseconds
        }
    }

    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    let parameters: Parameters
    let instruments: [Instrument]
    /// Per symbol, per venue: does the venue list the symbol? Unlisted venues are never priced.
    /// Nil when every instrument trades everywhere (nothing to store).
    private let listedVenues: [[Bool]]?
    @exclusivity(unchecked) private var quotes: [Quote?]
    @exclusivity(unchecked) private var mids: [Int64]
    @exclusivity(unchecked) private var volatility: DailyVolatility
    /// The parents from the oldest unfinished one on: a parent's serial number (its place in the
    /// run's sequence of parents, which orders and slice timers carry) minus
    /// ``firstParentSerial`` is its slot. Finished parents leave from the front, so the window
    /// holds what is in flight, not the whole run.
    @exclusivity(unchecked) private var parents: Deque<ParentOrder> = []
    @exclusivity(unchecked) private var firstParentSerial = 0
    /// Parents not yet finished or still behind an unfinished older one: what the window holds.
    public var parentsInFlight: Int { parents.count }
    /// Scratch for ``route(_:)``: the candidates of one order and their predicted costs, reused
    /// from order to order so that routing allocates nothing once they have grown.
    @exclusivity(unchecked) private var candidateBuffer: [RoutingChoice] = []
    @exclusivity(unchecked) private var predictedBuffer: [Double] = []
    @exclusivity(unchecked) private var parentOfOrder: [UInt64: Int] = [:]
    @exclusivity(unchecked) private var seenFills = RecentIDs()
    @exclusivity(unchecked) private var sendTimes: [UInt64: Timestamp] = [:]
    /// Order-to-fill latency of the fills, in nanoseconds of simulated time (send → fill report),
    /// by power of two: fixed storage however long the run.
    @exclusivity(unchecked) public private(set) var fillLatencyNanoseconds = PowerOfTwoHistogram()
    /// Order-to-ack latency of the acknowledged orders, in nanoseconds of simulated time (send →
    /// the venue's ack: order entry, matching engine, the report's way back), by power of two.
    @exclusivity(unchecked) public private(set) var ackLatencyNanoseconds = PowerOfTwoHistogram()
    /// Per arm (venue × market/limit/pegged/POV): learned correction (bps) and orders scored.
    @exclusivity(unchecked) public internal(set) var corrections: [Double]
    @exclusivity(unchecked) public internal(set) var armCounts: [Int]
    @exclusivity(unchecked) public private(set) var ordersSent = 0
    @exclusivity(unchecked) public internal(set) var records: Int = 0
    /// Σ shortfall × arrival notional and Σ arrival notional, for the notional-weighted average.
    @exclusivity(unchecked) public internal(set) var shortfallWeighted = 0.0
    @exclusivity(unchecked) public internal(set) var shortfallWeight = 0.0
    @exclusivity(unchecked) private var samplingArmed = false
    /// Every routing decision, when kept (``recordDecisions()``); nil otherwise, so that a run
    /// allocates nothing for them.
    @exclusivity(unchecked) public internal(set) var decisions: [RoutingDecision]?
    private let ordersTopic: TopicID
    let costsTopic: TopicID

    /// A package's routing rule in place of the router's own (``CustomRoutingPolicy``).
    @exclusivity(unchecked) var customPolicy: (any CustomRoutingPolicy)?
    /// The rule's ``PackageMessageReceiver/receivedMessageTypes``, read once at start.
    @exclusivity(unchecked) var policyMessageTypes: [UInt16] = []

    public init(context: Context, parameters: Parameters, instruments: [Instrument], customPolicy: (any CustomRoutingPolicy)? = nil) {
        precondition(!parameters.venues.isEmpty)
        self.customPolicy = customPolicy
        self.context = context
        self.parameters = parameters
        self.instruments = instruments
        if instruments.allSatisfy({ $0.venues.isEmpty }) {
            listedVenues = nil
        } else {
            let listed = instruments.map { instrument in parameters.venues.map { instrument.isListed(at: $0.name) } }
            precondition(listed.allSatisfy { $0.contains(true) }, "every instrument is listed at one of the router's venues at least")
            listedVenues = listed
        }
        quotes = Array(repeating: nil, count: instruments.count)
        mids = Array(repeating: 0, count: instruments.count)
        volatility = DailyVolatility(symbolCount: instruments.count)
        corrections = Array(repeating: 0, count: parameters.venues.count * 4)
        armCounts = Array(repeating: 0, count: parameters.venues.count * 4)
        ordersTopic = context.topic(Topics.orders, publishedAs: .router)
        costsTopic = context.topic(Topics.tradeCosts, publishedAs: .router)
    }

    public func start() {
        policyMessageTypes = customPolicy?.receivedMessageTypes ?? []
        let receives = !policyMessageTypes.isEmpty
        context.subscribe(as: .router) { $0 == .receivesPackageMessages && receives }
    }

    /// Keeps every routing decision from now on (``decisions``): for off-policy evaluation.
    /// Changes nothing the router decides.
    public func recordDecisions() {
        if decisions == nil { decisions = [] }
    }

    /// Notional-weighted implementation shortfall of the finished parents, in basis points.
    public var implementationShortfallBasisPoints: Double? { shortfallWeight > 0 ? shortfallWeighted / shortfallWeight : nil }

    public func receive(_ delivery: Delivery) {
        switch delivery.message {
        case .intent(let intent):
            route(intent)
        case .quote(let quote):
            if Int(quote.symbol) < quotes.count {
                quotes[Int(quote.symbol)] = quote
                mids[Int(quote.symbol)] = quote.midPrice
            }
            if !samplingArmed {
                // Volatility samples run while quotes arrive, never on an idle clock.
                samplingArmed = true
                _ = context.schedule(after: 60_000_000_000, tag: UInt64.max)
            }
        case .fill(let fill):
            guard let serial = parentOfOrder[fill.orderID] else { return }
            let slot = serial - firstParentSerial
            // A resent report (same fill id) is counted once.
            guard fill.fillID == 0 || seenFills.insert(fill.fillID) else { return }
            if let sent = sendTimes[fill.orderID] { fillLatencyNanoseconds.record(context.now - sent) }
            if fill.isFinal { sendTimes[fill.orderID] = nil }
            parents[slot].filledQuantity += fill.quantity
            parents[slot].filledValue += Double(fill.quantity) * Double(fill.price)
            parents[slot].feesMinorUnits += fill.feeMinorUnits
            if fill.isFinal { childDone(fill.orderID, parent: serial) }
        case .report(let report):
            if report.kind == .acknowledged, let sent = sendTimes[report.orderID] { ackLatencyNanoseconds.record(context.now - sent) }
            // A duplicate-order reject names the original, which is still working.
            guard report.isTerminal, report.reason != .duplicateOrder, let serial = parentOfOrder[report.orderID] else { return }
            sendTimes[report.orderID] = nil
            childDone(report.orderID, parent: serial)
        case .gate(let decision):
            // The kill switch engaged: no more slices go out (working orders finish or expire).
            guard decision.symbol == GateDecision.allSymbols, decision.reasons.contains(.killSwitch) else { return }
            for slot in parents.indices where !parents[slot].done && parents[slot].unsent > 0 {
                parents[slot].unsent = 0
                if parents[slot].openChildren == 0 {
                    parents[slot].done = true
                    finish(parents[slot])
                }
            }
            releaseFinishedParents()
        case .timer(let timer):
            if timer.tag == UInt64.max {
                samplingArmed = false
                volatility.sample(mids: mids)
            } else if let serial = Int(exactly: timer.tag), serial >= firstParentSerial, serial - firstParentSerial < parents.count,
                      !parents[serial - firstParentSerial].done {
                sendSlice(serial)
            }
        case .package(let message):
            if policyMessageTypes.contains(message.typeID) { customPolicy?.receive(message, at: delivery.time) }
        default:
            break
        }
    }

    private func route(_ intent: Intent) {
        let index = Int(intent.symbol)
        guard index < quotes.count, intent.quantity != 0, let quote = quotes[index], quote.midPrice > 0 else { return }
        let side: Side = intent.quantity > 0 ? .buy : .sell
        let quantity = abs(intent.quantity)
        let mid = Double(quote.bidPrice + quote.askPrice) / 2
        let market = CostModel.Market(halfSpreadBasisPoints: Double(quote.askPrice - quote.bidPrice) / 2 / mid * 10_000,
                                      displayedSize: side == .buy ? quote.askSize : quote.bidSize, dailyVolatility: volatility[index])
        candidateBuffer.removeAll(keepingCapacity: true)
        parameters.costModel.appendCandidates(to: &candidateBuffer, quantity: quantity, market: market, venues: parameters.venues,
                                              listed: listedVenues?[index])
        let candidates = candidateBuffer
        predictedBuffer.removeAll(keepingCapacity: true)
        for candidate in candidates { predictedBuffer.append(candidate.modelCostBasisPoints + corrections[candidate.arm]) }
        let predicted = predictedBuffer
        var best = 0
        for position in candidates.indices where predicted[position] < predicted[best] { best = position }
        var chosen = best
        let propensity: Double
        if let customPolicy {
            // A package's rule, deterministic: its choice has propensity 1.
            let picked = customPolicy.choose(among: candidates, predictedCostBasisPoints: predicted, market: market, intent: intent)
            chosen = candidates.indices.contains(picked) ? picked : best
            propensity = 1
        } else {
            let explorationShare = parameters.exploration / Double(candidates.count)
            if context.random.nextDouble() < parameters.exploration {
                chosen = Int(context.random.next() % UInt64(candidates.count))
            }
            propensity = (chosen == best ? 1 - parameters.exploration : 0) + explorationShare
        }
        let choice = candidates[chosen]
        // Crossing later on the chosen venue: its market candidate, plus the drift while waiting.
        let crossLater = candidates.first { $0.venue == choice.venue && $0.type == .market && $0.slices == 1 }?.modelCostBasisPoints ?? 0
        let sliceSize = choice.slices > 1 ? (quantity + Int64(choice.slices) - 1) / Int64(choice.slices) : quantity
        var parent = ParentOrder(symbol: intent.symbol, side: side, choice: choice, predictedCostBasisPoints: predicted[chosen],
                                 propensity: propensity, arrivalMid: quote.midPrice, traceID: intent.traceID, quantity: quantity,
                                 missCostBasisPoints: crossLater, unsent: quantity, sliceSize: sliceSize)
        if decisions != nil {
            parent.decision = decisions!.count
            decisions!.append(RoutingDecision(traceID: intent.traceID, symbol: intent.symbol, quantity: quantity, market: market,
                                              listed: listedVenues?[index], candidates: candidates, predictedCostBasisPoints: predicted,
                                              chosen: chosen, propensity: propensity, exploration: customPolicy == nil ? parameters.exploration : 0))
        }
        parents.append(parent)
        sendSlice(firstParentSerial + parents.count - 1)
    }

    private func sendSlice(_ serial: Int) {
        let slot = serial - firstParentSerial
        let parent = parents[slot]
        guard parent.unsent > 0 else { return }
        let quantity = min(parent.sliceSize, parent.unsent)
        var type = parent.choice.type
        var limit: Int64 = 0
        if parent.choice.slices == 1 && type != .market, let quote = quotes[Int(parent.symbol)] {
            limit = parent.side == .buy ? quote.bidPrice : quote.askPrice
        } else {
            type = .market
        }
        send(serial, quantity: quantity, type: type, limit: limit)
        parents[slot].unsent -= quantity
        if parents[slot].unsent > 0 {
            _ = context.schedule(after: parameters.sliceIntervalNanoseconds, tag: UInt64(serial))
        }
    }

    private func send(_ serial: Int, quantity: Int64, type: OrderType, limit: Int64) {
        let slot = serial - firstParentSerial
        let parent = parents[slot]
        let order = Order(orderID: context.ids.next(), symbol: parent.symbol, side: parent.side, quantity: quantity, limitPrice: limit,
                          traceID: parent.traceID, venue: UInt8(parent.choice.venue), type: type)
        parentOfOrder[order.orderID] = serial
        sendTimes[order.orderID] = context.now
        if parents[slot].firstOrderID == 0 { parents[slot].firstOrderID = order.orderID }
        parents[slot].openChildren += 1
        ordersSent += 1
        context.logger.info("order", metadata: ["order": "\(order.orderID)", "side": "\(order.side)", "quantity": "\(quantity)",
                                                "type": "\(type)", "venue": "\(parameters.venues[parent.choice.venue].name)"])
        context.publish(ordersTopic, .order(order))
    }

    private func childDone(_ orderID: UInt64, parent serial: Int) {
        guard parentOfOrder.removeValue(forKey: orderID) != nil else { return }
        let slot = serial - firstParentSerial
        parents[slot].openChildren -= 1
        let parent = parents[slot]
        guard parent.unsent == 0, parent.openChildren == 0, !parent.done else { return }
        parents[slot].done = true
        finish(parent)
        releaseFinishedParents()
    }

    /// Drops the finished parents at the front of the window (their timers and orders are gone).
    private func releaseFinishedParents() {
        while let first = parents.first, first.done {
            parents.removeFirst()
            firstParentSerial += 1
        }
    }
}
