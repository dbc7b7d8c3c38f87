import Actors
import Kernel
import Messages

/// One actor's handler on a fixed, generated stream of its inputs (``HandlerBenchmarkInputs``),
/// with a counter on its outputs: the harness of the per-actor suites in Benchmarks/. The run is
/// deterministic, so the output count is exact and a benchmark can gate on it.
public enum HandlerBenchmark {
    /// The actors measured, in flow order.
    public enum Subject: String, CaseIterable, Sendable {
        case feedGuard = "feed-guard"
        /// The Technical agent (indicators on 1 s bars: four quotes each).
        case agent = "agent-technical"
        case blender
        case selector
        case sizer
        case gate
        case router
        case broker
        case portfolio

        /// The topics whose messages count as the actor's output.
        var outputTopics: [String] {
            switch self {
            case .feedGuard: [Topics.quotes, Topics.trades]
            case .agent, .blender: [self == .agent ? Topics.signals : Topics.forecasts]
            case .selector: [Topics.slates]
            case .sizer: [Topics.intents]
            case .gate: [Topics.gateDecisions]
            case .router: [Topics.orders]
            case .broker: [Topics.fills, Topics.executionReports]
            case .portfolio: [Topics.positions]
            }
        }
    }

    /// The input topics, created in this order in every harness kernel.
    struct TopicSet {
        let rawQuotes, rawTrades, quotes, trades, signals, forecasts, intents, approvedIntents, orders, fills: TopicID

        init(_ kernel: Kernel) {
            rawQuotes = kernel.topic(named: Topics.rawQuotes)
            rawTrades = kernel.topic(named: Topics.rawTrades)
            quotes = kernel.topic(named: Topics.quotes)
            trades = kernel.topic(named: Topics.trades)
            signals = kernel.topic(named: Topics.signals)
            forecasts = kernel.topic(named: Topics.forecasts)
            intents = kernel.topic(named: Topics.intents)
            approvedIntents = kernel.topic(named: Topics.approvedIntents)
            orders = kernel.topic(named: Topics.orders)
            fills = kernel.topic(named: Topics.fills)
        }
    }

    public struct Result: Sendable {
        public var summary: RunSummary
        /// Inputs fed to the actor.
        public var inputs: UInt64
        /// Messages the actor emitted on its output topics.
        public var outputs: Int
        public var seconds: Double
    }

    static let instruments = (0..<HandlerBenchmarkInputs.symbolCount).map {
        Instrument(symbol: "S\($0)", sector: "sector\($0 % 2)", pricePrecision: 2, lotSize: 1)
    }
    static let cashMinorUnits: Int64 = 10_000_000

    /// Runs `subject` on `rounds` rounds of inputs (4 quotes each, plus trades and its own
    /// inputs) on the calling thread.
    public static func run(_ subject: Subject, rounds: Int) throws -> Result {
        // An end time: the blender's and the selector's interval timers re-arm for ever.
        let end = UInt64(rounds) * HandlerBenchmarkInputs.roundNanoseconds + 1_000_000_000
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: end))
        let topics = TopicSet(kernel)
        spawn(subject, on: kernel)
        let counter = kernel.spawn("output.counter") { OutputCounter(context: $0, topicNames: subject.outputTopics) }
        try kernel.addInput(HandlerBenchmarkInputs(subject: subject, rounds: rounds, topics: topics))
        let (summary, seconds) = try KernelBenchmark.timed(kernel)
        return Result(summary: summary, inputs: summary.inputs, outputs: counter.assumeIsolated { $0.count }, seconds: seconds)
    }

    private static func spawn(_ subject: Subject, on kernel: Kernel) {
        let count = instruments.count
        switch subject {
        case .feedGuard:
            kernel.spawn("feed.guard") { FeedGuard(context: $0, parameters: FeedGuard.Parameters(), symbolCount: count) }
        case .agent:
            let model = TechnicalModel(symbolCount: count, barNanoseconds: 1_000_000_000)
            kernel.spawn("agent.technical", receiving: TechnicalModel.featureAgentReceiver) { FeatureAgent(context: $0, model: model, parameters: FeatureAgentParameters(agentID: 1), symbolCount: count) }
        case .blender:
            let parameters = Blender.Parameters(priorWeights: [1: 0.5, 2: 0.3, 3: 0.2], evaluationIntervalNanoseconds: 10_000_000_000)
            kernel.spawn("blender") { Blender(context: $0, parameters: parameters, symbolCount: count) }
        case .selector:
            let parameters = Selector.Parameters(count: 2, intervalNanoseconds: 10_000_000_000)
            kernel.spawn("selector") { Selector(context: $0, parameters: parameters, symbolCount: count) }
        case .sizer:
            let sizing = KellySizing(maximumVolatility: 1, drawdownLimit: 1, cvarBudget: 1, maximumTradeRisk: 1, minimumNotionalMinorUnits: 0)
            kernel.spawn("sizer") { Sizer(context: $0, parameters: Sizer.Parameters(sizing: sizing), instruments: instruments, initialCashMinorUnits: cashMinorUnits) }
        case .gate:
            var limits = GateLimits()
            limits.maximumOrdersPerMinute = 1_000_000
            limits.cooldownNanoseconds = 0
            kernel.spawn("gate") { RiskGate(context: $0, limits: limits, instruments: instruments, initialCashMinorUnits: cashMinorUnits) }
        case .router:
            let venues = [VenueCosts(name: "lit", makerFeeBasisPoints: -0.2, takerFeeBasisPoints: 0.3),
                          VenueCosts(name: "midpoint", makerFeeBasisPoints: 0, takerFeeBasisPoints: 0.1, liquidity: 0.3)]
            kernel.spawn("router") { Router(context: $0, parameters: Router.Parameters(venues: venues), instruments: instruments) }
        case .broker:
            let parameters = SimulatedBroker.Parameters(orderLatencyNanoseconds: 1_000_000, feeBasisPoints: 1)
            kernel.spawn("broker") { SimulatedBroker(context: $0, parameters: parameters, instruments: instruments) }
        case .portfolio:
            kernel.spawn("portfolio") { Portfolio(context: $0, instruments: instruments, initialCashMinorUnits: cashMinorUnits) }
        }
    }
}
