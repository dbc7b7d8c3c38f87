import Kernel
import Messages

/// Input defense between the feeds and everything else: takes raw quotes, trades and alternative
/// data, quarantines bad ones with a reason (``InputScreen`` judges them), and republishes the
/// clean ones (raw topic → clean topic: `market.raw.quotes` → `market.quotes`,
/// `market.raw.trades` → `market.trades`, `alt.raw` → `alt.data`).
///
/// A quarantined input never reaches an agent and never crashes anything; the counts by symbol
/// and reason, and the first few refused inputs, go to the run report (``QuarantineLedger``).
/// Because the raw inputs are the journaled ones, a replay quarantines exactly the same inputs.
public actor FeedGuard: Component {
    public struct Parameters: Sendable, Equatable {
        public var staleAfterNanoseconds: DurationNanoseconds
        /// The outlier filter of every symbol without one of its own (see `spikeFilters`).
        public var spikeFilter: SpikeFilterSettings
        /// Per symbol, in symbol-id order: each feed's filter for the symbols it quotes. Empty:
        /// `spikeFilter` for all.
        public var spikeFilters: [SpikeFilterSettings]

        public init(staleAfterNanoseconds: DurationNanoseconds = 5_000_000_000, spikeFilter: SpikeFilterSettings = .tick,
                    spikeFilters: [SpikeFilterSettings] = []) {
            self.staleAfterNanoseconds = staleAfterNanoseconds
            self.spikeFilter = spikeFilter
            self.spikeFilters = spikeFilters
        }

        /// The filter of each of `symbolCount` symbols.
        public func filters(symbolCount: Int) -> [SpikeFilterSettings] {
            (0..<symbolCount).map { $0 < spikeFilters.count ? spikeFilters[$0] : spikeFilter }
        }
    }

    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    @exclusivity(unchecked) private var screen: InputScreen
    @exclusivity(unchecked) public private(set) var ledger: QuarantineLedger
    @exclusivity(unchecked) public private(set) var accepted = 0
    private let cleanTopic: TopicID
    private let tradeTopic: TopicID
    private let altTopic: TopicID

    public init(context: Context, parameters: Parameters, symbolCount: Int) {
        // Topic ids follow creation order, and logs and digests carry them: the raw and clean
        // topics are created here, in this order, before any component starts.
        _ = context.topic(Topics.rawTrades)
        tradeTopic = context.topic(Topics.trades, publishedAs: .inputGuard)
        _ = context.topic(Topics.rawAlternativeData)
        altTopic = context.topic(Topics.alternativeData, publishedAs: .inputGuard)
        self.context = context
        screen = InputScreen(staleAfterNanoseconds: parameters.staleAfterNanoseconds, spikeFilters: parameters.filters(symbolCount: symbolCount))
        ledger = QuarantineLedger(symbolCount: symbolCount)
        _ = context.topic(Topics.rawQuotes)
        cleanTopic = context.topic(Topics.quotes, publishedAs: .inputGuard)
    }

    public func start() {
        context.subscribe(as: .inputGuard)
    }

    public func receive(_ delivery: Delivery) {
        let clean: TopicID
        switch delivery.message {
        case .quote: clean = cleanTopic
        case .trade: clean = tradeTopic
        case .alt: clean = altTopic
        default:
            context.publish(cleanTopic, delivery.message)
            return
        }
        let reason = screen.screen(delivery.message, admittedAt: delivery.time)
        ledger.record(delivery.message, at: delivery.time, reason: reason)
        if let reason {
            context.logger.debug("quarantined", metadata: ["reason": "\(reason.rawValue)", "type": "\(delivery.message.tag)",
                                                           "symbol": "\(ledger.row(of: delivery.message))"])
            return
        }
        if case .quote = delivery.message { accepted += 1 }
        context.publish(clean, delivery.message)
    }

    /// Refusals by reason (every reason listed, in name order).
    public var quarantineCounts: [(reason: QuarantineReason, count: Int)] { ledger.byReason }

    /// Refusals by reason, the reasons that occurred only.
    public var quarantined: [QuarantineReason: Int] {
        var counts: [QuarantineReason: Int] = [:]
        for (reason, count) in ledger.byReason where count > 0 { counts[reason] = count }
        return counts
    }
}
