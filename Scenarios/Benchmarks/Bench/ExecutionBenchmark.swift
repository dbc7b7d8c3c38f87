import Actors
import Kernel
import Messages
import ScenarioRunning

/// `metronome bench execution`: orders per second through sizer → gate → router → broker →
/// portfolio, and the portfolio's cost per fill (fill-to-accounting).
///
/// Orders: four symbols quoted every second; after each round of quotes a forecast per symbol
/// whose μ flips sign every round, so the sizer moves every position from long to short and
/// back — every forecast becomes an intent, a gate decision, an order, fills and a position.
/// Accounting: fills fed straight to a portfolio, alternating buy and sell.
public enum ExecutionBenchmark {
    public struct Result: Codable, Sendable {
        public var benchmark = "execution"
        public var rounds: Int
        public var orders: Int
        public var fills: Int
        public var gate_decisions: Int
        public var events: UInt64
        public var wall_seconds: Double
        public var orders_per_second: Double
        /// Fill-to-accounting: wall time of the portfolio per fill (cash, position, PnL, exposure,
        /// drawdown, the position update). In simulated time it is 0: the update is published at
        /// the fill's instant.
        public var accounting_ns_per_fill: Double
        public var build: String
    }

    static let instruments = (0..<4).map { Instrument(symbol: "S\($0)", sector: "sector\($0)", pricePrecision: 2, lotSize: 1) }
    static let second: UInt64 = 1_000_000_000

    public static func run(rounds: Int = 20_000, fills: Int = 1_000_000) throws -> Result {
        let orders = try measureOrders(rounds: rounds)
        let accounting = try measureAccounting(fills: fills)
        return Result(rounds: rounds, orders: orders.orders, fills: orders.fills, gate_decisions: orders.decisions,
                      events: orders.summary.deliveries, wall_seconds: orders.seconds,
                      orders_per_second: (Double(orders.orders) / orders.seconds).rounded(),
                      accounting_ns_per_fill: accounting.seconds * 1e9 / Double(fills),
                      build: BuildIdentity.configuration)
    }

    /// The whole execution side on crafted quotes and forecasts.
    public static func measureOrders(rounds: Int) throws -> (summary: RunSummary, seconds: Double, orders: Int, fills: Int, decisions: Int) {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        var limits = GateLimits()
        limits.maximumGross = 100
        limits.maximumNet = 100
        limits.maximumSector = 100
        limits.maximumTradeRisk = 100
        limits.maximumDrawdown = 1
        limits.maximumOrdersPerMinute = 1_000_000
        limits.cooldownNanoseconds = 0
        let sizing = KellySizing(maximumVolatility: 1, drawdownLimit: 1, cvarBudget: 1, maximumTradeRisk: 1, minimumNotionalMinorUnits: 0)
        let cash: Int64 = 10_000_000
        let sizer = kernel.spawn("sizer") { Sizer(context: $0, parameters: Sizer.Parameters(sizing: sizing), instruments: instruments, initialCashMinorUnits: cash) }
        let gate = kernel.spawn("gate") { RiskGate(context: $0, limits: limits, instruments: instruments, initialCashMinorUnits: cash) }
        let router = kernel.spawn("router") { context in
            Router(context: context, parameters: Router.Parameters(venues: [VenueCosts(name: "v", makerFeeBasisPoints: 0, takerFeeBasisPoints: 1)],
                                                                  exploration: 0),
                   instruments: instruments)
        }
        let broker = kernel.spawn("broker") { context in
            SimulatedBroker(context: context, parameters: SimulatedBroker.Parameters(orderLatencyNanoseconds: 1_000, feeBasisPoints: 1),
                            instruments: instruments)
        }
        let portfolio = kernel.spawn("portfolio") { Portfolio(context: $0, instruments: instruments, initialCashMinorUnits: cash) }
        let quotes = kernel.topic(named: Topics.quotes)
        let forecasts = kernel.topic(named: Topics.forecasts)
        try kernel.addInput(ExecutionBenchmarkInputs(rounds: rounds, quotes: quotes, forecasts: forecasts))
        let (summary, seconds) = try KernelBenchmark.timed(kernel)
        let orders = router.assumeIsolated { $0.ordersSent }
        let fills = broker.assumeIsolated { $0.fillsSent }
        let decisions = gate.assumeIsolated { gate in gate.outcomeCounts.values.reduce(0, +) }
        precondition(sizer.assumeIsolated { $0.intentsSent } > 0 && portfolio.assumeIsolated { $0.fills } == fills)
        return (summary, seconds, orders, fills, decisions)
    }

    /// The portfolio alone, on a stream of fills.
    public static func measureAccounting(fills: Int) throws -> (summary: RunSummary, seconds: Double) {
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0))
        kernel.spawn("portfolio") { context in Portfolio(context: context, instruments: instruments, initialCashMinorUnits: 100_000_000) }
        let topic = kernel.topic(named: Topics.fills)
        try kernel.addInput(ArrayInputSource((0..<fills).map { index in
            let fill = Fill(orderID: UInt64(index), symbol: SymbolID(index % 4), side: index % 8 < 4 ? .buy : .sell, quantity: 1,
                            price: 10_000 + Int64(index % 7), feeMinorUnits: 1, isFinal: true, traceID: 0, fillID: UInt64(index + 1))
            return InputRecord(time: UInt64(index) * 1_000, topic: topic, message: .fill(fill))
        }))
        return try KernelBenchmark.timed(kernel)
    }
}
