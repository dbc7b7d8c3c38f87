import Kernel
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
    @exclusivity(unchecked) public private(set) var ordersSent = 0

    public init(context: Context, parameters: Parameters, symbolCount: Int) {
        precondition(parameters.quantity > 0)
        self.context = context
        self.parameters = parameters
        targets = Array(repeating: 0, count: symbolCount)
        ordersTopic = context.topic(Topics.orders)
    }

    public func start() {
        context.subscribe(context.topic(parameters.followsForecasts ? Topics.forecasts : Topics.signals))
    }

    public func receive(_ delivery: Delivery) {
        let symbol: SymbolID
        let mu: Double
        let confidence: Double
        let traceID: UInt64
        switch delivery.message {
        case .signal(let signal):
            if let follow = parameters.followAgentID, signal.agentID != follow { return }
            guard signal.sigma.isFinite else { return }
            (symbol, mu, confidence, traceID) = (signal.symbol, signal.mu, signal.confidence, signal.traceID)
        case .forecast(let forecast):
            guard forecast.sigma.isFinite else { return }
            (symbol, mu, traceID) = (forecast.symbol, forecast.mu, forecast.traceID)
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
        let difference = target - targets[index]
        guard difference != 0 else { return }
        targets[index] = target
        let order = Order(
            orderID: context.ids.next(), symbol: symbol, side: difference > 0 ? .buy : .sell,
            quantity: abs(difference), limitPrice: 0, traceID: traceID)
        ordersSent += 1
        context.logger.info("order", metadata: ["order": "\(order.orderID)", "side": "\(order.side)",
                                                "quantity": "\(order.quantity)", "mu": "\(mu)"])
        context.publish(ordersTopic, .order(order))
    }
}
