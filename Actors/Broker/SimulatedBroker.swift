import DequeModule
import Kernel
import Logging

/// A simulated venue: market orders fill in full after the order-entry latency, at the quote
/// standing at fill time (buys at the ask, sells at the bid), paying a fee in basis points of
/// the notional. Orders for a symbol with no quote yet wait for one.
///
/// (Partial fills, queue position, limit orders and latency distributions arrive with the
/// execution-side issue; the interface — orders in, fills out — stays.)
public actor SimulatedBroker: Component {
    public struct Parameters: Sendable, Equatable {
        public var orderLatencyNanoseconds: DurationNanoseconds
        /// Fee in basis points of the notional (1 bp = 0.01%).
        public var feeBasisPoints: Int64

        public init(orderLatencyNanoseconds: DurationNanoseconds, feeBasisPoints: Int64) {
            self.orderLatencyNanoseconds = orderLatencyNanoseconds
            self.feeBasisPoints = feeBasisPoints
        }
    }

    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    private let parameters: Parameters
    private let instruments: [Instrument]
    @exclusivity(unchecked) private var lastQuotes: [Quote?]
    /// Orders in flight, in arrival order; the timer tag is the order's arrival number.
    @exclusivity(unchecked) private var inFlight: Deque<Order> = []
    @exclusivity(unchecked) private var arrivals: UInt64 = 0
    @exclusivity(unchecked) private var waitingForQuote: [Order] = []
    private let fillsTopic: TopicID
    @exclusivity(unchecked) public private(set) var fillsSent = 0

    public init(context: Context, parameters: Parameters, instruments: [Instrument]) {
        self.context = context
        self.parameters = parameters
        self.instruments = instruments
        lastQuotes = Array(repeating: nil, count: instruments.count)
        fillsTopic = context.topic(Topics.fills)
    }

    public func start() {
        context.subscribe(context.topic(Topics.quotes))
        context.subscribe(context.topic(Topics.orders))
    }

    public func receive(_ delivery: Delivery) {
        switch delivery.message {
        case .quote(let quote):
            guard Int(quote.symbol) < lastQuotes.count else { return }
            lastQuotes[Int(quote.symbol)] = quote
            if !waitingForQuote.isEmpty { retryWaiting(symbol: quote.symbol) }
        case .order(let order):
            inFlight.append(order)
            arrivals += 1
            // Latency is constant, so orders arrive at the matching engine in the order sent.
            context.schedule(after: parameters.orderLatencyNanoseconds, tag: arrivals)
        case .timer:
            guard let order = inFlight.popFirst() else { return }
            execute(order)
        default:
            break
        }
    }

    private func retryWaiting(symbol: SymbolID) {
        let ready = waitingForQuote.filter { $0.symbol == symbol }
        waitingForQuote.removeAll { $0.symbol == symbol }
        for order in ready { execute(order) }
    }

    private func execute(_ order: Order) {
        guard Int(order.symbol) < lastQuotes.count, let quote = lastQuotes[Int(order.symbol)] else {
            waitingForQuote.append(order)
            return
        }
        let price = order.side == .buy ? quote.askPrice : quote.bidPrice
        let notional = instruments[Int(order.symbol)].notionalMinorUnits(quantity: order.quantity, price: price)
        let fee = (notional * parameters.feeBasisPoints + 5_000) / 10_000
        let fill = Fill(orderID: order.orderID, symbol: order.symbol, side: order.side, quantity: order.quantity,
                        price: price, feeMinorUnits: fee, isFinal: true, traceID: order.traceID)
        fillsSent += 1
        context.logger.debug("fill", metadata: ["order": "\(order.orderID)", "side": "\(order.side)",
                                                "quantity": "\(order.quantity)", "price": "\(price)", "fee": "\(fee)"])
        context.publish(fillsTopic, .fill(fill))
    }
}
