import Kernel
import Messages

/// The synthetic quote a trade reveals (``TradeQuoteSettings``). Roll's model has trades at the
/// bid or the ask around an efficient price: a buyer lifted the ask, a seller hit the bid. So a
/// trade at price p of spread s ticks (Roll's estimate, ``RollSpreadEstimator``, rounded to whole
/// ticks and at least one; the fallback before it exists) quotes ask p and bid p − s for a buy,
/// bid p and ask p + s for a sell. The mid then stays put while trades bounce between the bid and
/// the ask, and moves when the price does. A buy too close to zero for its bid is quoted as a sell.
public struct TradeQuoteSynthesizer: Sendable {
    private let settings: TradeQuoteSettings
    /// Per symbol id: the tick in minor units, and its estimator (made at its first trade).
    private var ticks: [Int64]
    private var estimators: [RollSpreadEstimator?]
    /// The widest spread quoted, in ticks: beyond it an estimate is noise, not a market.
    static let maximumSpreadTicks: Int64 = 1_000

    /// - Parameter precisions: each symbol id's price precision.
    /// - Throws: a message when the tick does not fit a symbol's precision.
    public init(settings: TradeQuoteSettings, precisions: [Int]) throws(TradeQuoteSynthesizer.Problem) {
        self.settings = settings
        ticks = try precisions.map { precision throws(Problem) in
            guard let tick = settings.tickMinorUnits(precision: precision) else {
                throw Problem(description: "the tick is finer than the instrument's price precision (\(precision) decimals)")
            }
            return tick
        }
        estimators = Array(repeating: nil, count: precisions.count)
    }

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Takes a trade into its symbol's spread estimate and returns the quote it reveals, at the
    /// trade's exchange time.
    public mutating func quote(revealedBy trade: Trade) -> Quote {
        let index = Int(trade.symbol)
        if estimators[index] == nil { estimators[index] = RollSpreadEstimator(window: settings.rollWindow) }
        estimators[index]!.observe(price: trade.price)
        let tick = ticks[index]
        let width = spreadTicks(estimate: estimators[index]!.spread, tick: tick) * tick
        let price = trade.price
        let liftsAsk = trade.aggressor == .buy && price - width > 0
        return Quote(symbol: trade.symbol, bidPrice: liftsAsk ? price - width : price, askPrice: liftsAsk ? price : price + width,
                     bidSize: settings.quoteSize, askSize: settings.quoteSize, exchangeTime: trade.exchangeTime)
    }

    /// The spread in whole ticks: Roll's estimate rounded (half away from zero), between one
    /// tick and ``maximumSpreadTicks``; the fallback without an estimate.
    func spreadTicks(estimate: Double?, tick: Int64) -> Int64 {
        guard let estimate else { return settings.fallbackSpreadTicks }
        let ticks = (estimate / Double(tick)).rounded()
        return Int64(min(max(ticks, 1), Double(Self.maximumSpreadTicks)))
    }

    /// The current spread estimate of a symbol in minor units (nil before its window is full).
    public func rollSpread(symbol: SymbolID) -> Double? { estimators[Int(symbol)]?.spread }
}
