import Kernel
import Messages

/// The input defense's judgement, apart from the actor that routes its verdicts: one raw input in,
/// nil (clean) or the reason to quarantine it out. ``FeedGuard`` runs it inside the pipeline;
/// `metronome log cat --type quarantine` runs the same checks over a log's recorded inputs, so
/// both name exactly the same inputs.
///
/// Checks, in order: trades need positive prices and sizes, alternative data a finite value,
/// every price, size and value within ``MarketBounds``; quotes: non-positive prices or sizes, out
/// of range, crossed book (bid > ask), out-of-order exchange time, staleness (admitted more than
/// `staleAfterNanoseconds` after the exchange time), and spikes (the symbol's
/// ``SpikeFilterSettings``, when on).
public struct InputScreen: Sendable {
    public let staleAfterNanoseconds: DurationNanoseconds
    /// Per symbol, nil where the outlier filter is off.
    private var filters: [HampelFilter?]
    private var lastExchangeTime: [Timestamp]

    /// - Parameter spikeFilters: one per symbol of the universe.
    public init(staleAfterNanoseconds: DurationNanoseconds, spikeFilters: [SpikeFilterSettings]) {
        self.staleAfterNanoseconds = staleAfterNanoseconds
        filters = spikeFilters.map { $0.makeFilter() }
        lastExchangeTime = Array(repeating: 0, count: spikeFilters.count)
    }

    public var symbolCount: Int { filters.count }

    /// The reason to refuse `message` admitted at `time`, or nil when it is clean (or not market
    /// data the defense judges: those pass through).
    public mutating func screen(_ message: Message, admittedAt time: Timestamp) -> QuarantineReason? {
        switch message {
        case .trade(let trade):
            guard trade.price > 0, trade.size > 0 else { return .nonPositive }
            guard MarketBounds.isPriceInRange(trade.price), MarketBounds.isSizeInRange(trade.size) else { return .outOfRange }
            return nil
        case .alt(let datum):
            guard datum.value.isFinite else { return .notANumber }
            guard abs(datum.value) <= MarketBounds.maximumAlternativeMagnitude else { return .outOfRange }
            return nil
        case .quote(let quote):
            return screen(quote, admittedAt: time)
        default:
            return nil
        }
    }

    private mutating func screen(_ quote: Quote, admittedAt time: Timestamp) -> QuarantineReason? {
        let index = Int(quote.symbol)
        guard index < filters.count else { return .nonPositive }
        if quote.bidPrice <= 0 || quote.askPrice <= 0 || quote.bidSize <= 0 || quote.askSize <= 0 { return .nonPositive }
        if !MarketBounds.isPriceInRange(quote.bidPrice) || !MarketBounds.isPriceInRange(quote.askPrice)
            || !MarketBounds.isSizeInRange(quote.bidSize) || !MarketBounds.isSizeInRange(quote.askSize) { return .outOfRange }
        if quote.bidPrice > quote.askPrice { return .crossed }
        if quote.exchangeTime < lastExchangeTime[index] { return .outOfOrder }
        if time > quote.exchangeTime && time - quote.exchangeTime > staleAfterNanoseconds { return .stale }
        if filters[index] != nil {
            let mid = Double(quote.bidPrice) + Double(quote.askPrice - quote.bidPrice) / 2
            guard filters[index]!.accept(mid) else { return .spike }
        }
        lastExchangeTime[index] = quote.exchangeTime
        return nil
    }
}
