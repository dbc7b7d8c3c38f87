import Kernel

/// Input defense between the feeds and everything else: takes raw quotes, trades and alternative
/// data, quarantines bad ones with a reason, and republishes the clean ones (raw topic → clean
/// topic: `market.raw.quotes` → `market.quotes`, `market.raw.trades` → `market.trades`,
/// `alt.raw` → `alt.data`). Trades need positive prices and sizes; alternative data a
/// finite value; every price, size and value must lie within ``MarketBounds``.
///
/// Checks, in order: non-positive prices or sizes, values beyond ``MarketBounds`` (out of range:
/// whatever a file or a feed says, no component ever does arithmetic on them), crossed book (bid > ask), out-of-order
/// exchange time, staleness (admitted more than `staleAfterNanoseconds` after the exchange time),
/// and spikes (Hampel identifier on the mid price, per symbol). A quarantined tick never reaches
/// an agent and never crashes anything; the counts by reason go to the run report. Because the
/// raw ticks are the journaled inputs, a replay quarantines exactly the same ticks.
public actor FeedGuard: Component {
    public struct Parameters: Sendable, Equatable {
        public var staleAfterNanoseconds: DurationNanoseconds
        public var hampelWindow: Int
        public var hampelThreshold: Double
        public var minimumRelativeDeviation: Double

        public init(staleAfterNanoseconds: DurationNanoseconds = 5_000_000_000, hampelWindow: Int = 21,
                    hampelThreshold: Double = 5, minimumRelativeDeviation: Double = 0.002) {
            self.staleAfterNanoseconds = staleAfterNanoseconds
            self.hampelWindow = hampelWindow
            self.hampelThreshold = hampelThreshold
            self.minimumRelativeDeviation = minimumRelativeDeviation
        }
    }

    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    private let parameters: Parameters
    @exclusivity(unchecked) private var filters: [HampelFilter]
    @exclusivity(unchecked) private var lastExchangeTime: [Timestamp]
    @exclusivity(unchecked) public private(set) var quarantined: [QuarantineReason: Int] = [:]
    @exclusivity(unchecked) public private(set) var accepted = 0
    private let rawTopic: TopicID
    private let cleanTopic: TopicID
    private let rawTradeTopic: TopicID
    private let tradeTopic: TopicID
    private let rawAltTopic: TopicID
    private let altTopic: TopicID

    public init(context: Context, parameters: Parameters, symbolCount: Int, rawTopic: String = Topics.rawQuotes,
                cleanTopic: String = Topics.quotes) {
        rawTradeTopic = context.topic(Topics.rawTrades)
        tradeTopic = context.topic(Topics.trades)
        rawAltTopic = context.topic(Topics.rawAlternativeData)
        altTopic = context.topic(Topics.alternativeData)
        self.context = context
        self.parameters = parameters
        filters = Array(repeating: HampelFilter(windowSize: parameters.hampelWindow, threshold: parameters.hampelThreshold,
                                                minimumRelativeDeviation: parameters.minimumRelativeDeviation), count: symbolCount)
        lastExchangeTime = Array(repeating: 0, count: symbolCount)
        self.rawTopic = context.topic(rawTopic)
        self.cleanTopic = context.topic(cleanTopic)
    }

    public func start() {
        context.subscribe(rawTopic)
        context.subscribe(rawTradeTopic)
        context.subscribe(rawAltTopic)
    }

    public func receive(_ delivery: Delivery) {
        switch delivery.message {
        case .trade(let trade):
            guard trade.price > 0, trade.size > 0 else { return quarantine(.nonPositive, delivery.message) }
            guard MarketBounds.isPriceInRange(trade.price), MarketBounds.isSizeInRange(trade.size) else {
                return quarantine(.outOfRange, delivery.message)
            }
            context.publish(tradeTopic, delivery.message)
            return
        case .alt(let datum):
            guard datum.value.isFinite else { return quarantine(.notANumber, delivery.message) }
            guard abs(datum.value) <= MarketBounds.maximumAlternativeMagnitude else { return quarantine(.outOfRange, delivery.message) }
            context.publish(altTopic, delivery.message)
            return
        case .quote:
            break
        default:
            context.publish(cleanTopic, delivery.message)
            return
        }
        guard case .quote(let quote) = delivery.message else { return }
        if let reason = check(quote, admittedAt: delivery.time) {
            quarantined[reason, default: 0] += 1
            context.logger.debug("quarantined", metadata: ["reason": "\(reason.rawValue)", "symbol": "\(quote.symbol)",
                                                           "bid": "\(quote.bidPrice)", "ask": "\(quote.askPrice)"])
            return
        }
        accepted += 1
        context.publish(cleanTopic, delivery.message)
    }

    private func quarantine(_ reason: QuarantineReason, _ message: Message) {
        quarantined[reason, default: 0] += 1
        context.logger.debug("quarantined", metadata: ["reason": "\(reason.rawValue)", "type": "\(message.tag)"])
    }

    /// Quarantine counts in a fixed order (by reason name), for reports.
    public var quarantineCounts: [(reason: QuarantineReason, count: Int)] {
        QuarantineReason.allCases.sorted().map { ($0, quarantined[$0] ?? 0) }
    }

    private func check(_ quote: Quote, admittedAt time: Timestamp) -> QuarantineReason? {
        let index = Int(quote.symbol)
        guard index < filters.count else { return .nonPositive }
        if quote.bidPrice <= 0 || quote.askPrice <= 0 || quote.bidSize <= 0 || quote.askSize <= 0 { return .nonPositive }
        if !MarketBounds.isPriceInRange(quote.bidPrice) || !MarketBounds.isPriceInRange(quote.askPrice)
            || !MarketBounds.isSizeInRange(quote.bidSize) || !MarketBounds.isSizeInRange(quote.askSize) { return .outOfRange }
        if quote.bidPrice > quote.askPrice { return .crossed }
        if quote.exchangeTime < lastExchangeTime[index] { return .outOfOrder }
        if time > quote.exchangeTime && time - quote.exchangeTime > parameters.staleAfterNanoseconds { return .stale }
        let mid = Double(quote.bidPrice) + Double(quote.askPrice - quote.bidPrice) / 2
        guard filters[index].accept(mid) else { return .spike }
        lastExchangeTime[index] = quote.exchangeTime
        return nil
    }
}
