import Kernel
import Messages
import Logging

/// Turns signals into orders until the full sizer → gate → router chain lands: for each symbol
/// it holds a target of +quantity (μ > 0), −quantity (μ < 0) or 0 (confidence below the
/// threshold), and sends a market order for the difference whenever the target changes.
public actor SignalTrader: Component {
    public struct Parameters: Sendable, Equatable {
        /// Lots held when a signal is confident enough.
        public var quantity: Int64
        /// Signals with lower confidence flatten the position.
        public var minimumConfidence: Double
        /// Act on this agent's signals only (nil = every signal). Until the blender combines the
        /// agents, following one avoids flip-flopping between disagreeing agents.
        public var followAgentID: UInt16?
        /// Act on the blender's forecasts instead of raw signals (when the scenario has a blender).
        public var followsForecasts: Bool
        /// Act on the selector's slates (when the scenario has a selector): hold the slate's
        /// picks in the direction of their μ, nothing else.
        public var followsSlates = false
        /// The venue each symbol's orders go to, by symbol id (empty: venue 0 for all): the first
        /// venue that lists it, when the universe restricts its venues.
        public var venueBySymbol: [UInt8] = []

        public init(quantity: Int64, minimumConfidence: Double, followAgentID: UInt16? = nil, followsForecasts: Bool = false) {
            self.quantity = quantity
            self.minimumConfidence = minimumConfidence
            self.followAgentID = followAgentID
            self.followsForecasts = followsForecasts
        }
    }

    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    private let parameters: Parameters
    @exclusivity(unchecked) private var targets: [Int64]
    private let ordersTopic: TopicID
    @exclusivity(unchecked) private var slatePicks: [(symbol: Int, mu: Double)] = []
    @exclusivity(unchecked) private var currentSlate: UInt64 = 0
    @exclusivity(unchecked) public private(set) var ordersSent = 0
    /// The agents behind each order (a forecast's shares, or the one agent of a followed signal);
    /// none for slate picks, which the selector records. For the report's PnL attribution.
    /// Kept until the run's history takes them (``removeDecisionShares(before:)``).
    @exclusivity(unchecked) public private(set) var decisionShares: [DecisionShares] = []

    public init(context: Context, parameters: Parameters, symbolCount: Int) {
        precondition(parameters.quantity > 0)
        self.context = context
        self.parameters = parameters
        targets = Array(repeating: 0, count: symbolCount)
        ordersTopic = context.topic(Topics.orders, publishedAs: .trader)
        decisionShares.reserveCapacity(DecisionShares.reservedCount)
    }

    public func start() {
        let source: PipelineStage.Condition = parameters.followsSlates ? .followsSlates
            : parameters.followsForecasts ? .followsForecasts : .followsSignals
        context.subscribe(as: .trader) { $0 == source }
    }

    /// Collects a slate's picks; on its last pick, moves every symbol to its new target.
    private func apply(_ entry: SlateEntry, trace: UInt64) {
        if entry.slateID != currentSlate {
            currentSlate = entry.slateID
            slatePicks.removeAll(keepingCapacity: true)
        }
        slatePicks.append((Int(entry.symbol), entry.mu))
        guard Int(entry.rank) + 1 == Int(entry.count) else { return }
        for index in targets.indices {
            let pick = slatePicks.first { $0.symbol == index }
            let target = pick.map { $0.mu > 0 ? parameters.quantity : -parameters.quantity } ?? 0
            move(index, to: target, mu: pick?.mu ?? 0, trace: trace, shares: nil)
        }
    }

    public func receive(_ delivery: Delivery) {
        let symbol: SymbolID
        let mu: Double
        let confidence: Double
        let traceID: UInt64
        let shares: AgentShares
        switch delivery.message {
        case .signal(let signal):
            if let follow = parameters.followAgentID, signal.agentID != follow { return }
            guard signal.sigma.isFinite else { return }
            (symbol, mu, confidence, traceID) = (signal.symbol, signal.mu, signal.confidence, signal.traceID)
            var followed = AgentShares()  // built in place: no array per signal
            followed[signal.agentID] = 1
            shares = followed
        case .slate(let entry):
            apply(entry, trace: entry.slateID)
            return
        case .forecast(let forecast):
            guard forecast.sigma.isFinite else { return }
            (symbol, mu, traceID, shares) = (forecast.symbol, forecast.mu, forecast.traceID, forecast.shares)
            confidence = abs(forecast.mu) / (abs(forecast.mu) + forecast.sigma + 1e-12)
        default:
            return
        }
        let index = Int(symbol)
        guard index < targets.count, mu.isFinite else { return }
        let target: Int64
        if confidence < parameters.minimumConfidence {
            target = 0
        } else {
            target = mu > 0 ? parameters.quantity : -parameters.quantity
        }
        move(index, to: target, mu: mu, trace: traceID, shares: shares)
    }

    private func move(_ index: Int, to target: Int64, mu: Double, trace traceID: UInt64, shares: AgentShares?) {
        let symbol = SymbolID(index)
        let difference = target - targets[index]
        guard difference != 0 else { return }
        targets[index] = target
        let order = Order(
            orderID: context.ids.next(), symbol: symbol, side: difference > 0 ? .buy : .sell,
            quantity: abs(difference), limitPrice: 0, traceID: traceID,
            venue: index < parameters.venueBySymbol.count ? parameters.venueBySymbol[index] : 0)
        ordersSent += 1
        if let shares { decisionShares.append(DecisionShares(time: context.now, symbol: symbol, traceID: traceID, shares: shares)) }
        context.logger.info("order", metadata: ["order": "\(order.orderID)", "side": "\(order.side)",
                                                "quantity": "\(order.quantity)", "mu": "\(mu)"])
        context.publish(ordersTopic, .order(order))
    }

    /// Hands the decision records made before `cutoff` to the run's history (the report's PnL
    /// attribution), which takes them as the run goes so they never pile up.
    public func removeDecisionShares(before cutoff: Timestamp) -> [DecisionShares] {
        decisionShares.removeRecords(before: cutoff)
    }
}
