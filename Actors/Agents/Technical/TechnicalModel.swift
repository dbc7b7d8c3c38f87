import Kernel
import Messages

/// The Technical agent: builds time bars of each symbol's mid from quotes and, at every bar
/// close, reads its ``TechnicalIndicators``. The feature is the reading's composite score —
/// trend-following (MACD, Donchian breakout, Supertrend) when ADX says the market trends, RSI and
/// Bollinger mean reversion when it ranges; the regime is trending (1) or ranging (2).
/// ``FeatureAgent`` turns the score into μ and σ from what actually followed.
public struct TechnicalModel: FeatureModel {
    public static let agentName = "technical"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<TechnicalModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public static let modelVersion: UInt16 = 2

    public let barNanoseconds: DurationNanoseconds
    private var indicators: [TechnicalIndicators]
    private var openBars: [PriceBar?]
    private var openBarIndex: [UInt64]
    private var readings: [TechnicalReading?]
    private var lastRegime: UInt8 = 0

    public init(symbolCount: Int, barNanoseconds: DurationNanoseconds = 60_000_000_000,
                periods: TechnicalIndicators.Periods = .init()) {
        precondition(barNanoseconds > 0)
        self.barNanoseconds = barNanoseconds
        indicators = Array(repeating: TechnicalIndicators(periods: periods), count: symbolCount)
        openBars = Array(repeating: nil, count: symbolCount)
        openBarIndex = Array(repeating: 0, count: symbolCount)
        readings = Array(repeating: nil, count: symbolCount)
    }

    /// The latest reading of a symbol (nil while warming up).
    public func reading(of symbol: Int) -> TechnicalReading? { readings[symbol] }

    public var regime: UInt8 { lastRegime }

    /// A quote in a later bar closes the symbol's open bar (at its last mid) and opens the next.
    public mutating func absorb(quote: Quote, time: Timestamp) -> SymbolID? {
        let index = Int(quote.symbol)
        guard index < indicators.count, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return nil }
        let mid = Double(quote.bidPrice + quote.askPrice) / 2
        let barIndex = time / barNanoseconds
        guard var bar = openBars[index] else {
            openBars[index] = PriceBar(price: mid)
            openBarIndex[index] = barIndex
            return nil
        }
        if barIndex == openBarIndex[index] {
            bar.add(mid)
            openBars[index] = bar
            return nil
        }
        openBars[index] = PriceBar(price: mid)
        openBarIndex[index] = barIndex
        guard let reading = indicators[index].close(bar) else { return nil }
        readings[index] = reading
        lastRegime = reading.regime
        return quote.symbol
    }

    public func feature(of symbol: Int) -> Double? { readings[symbol]?.composite }

    public func forEachIndicator(of symbol: Int, _ body: (IndicatorValue.Kind, Double) -> Void) {
        readings[symbol]?.forEachIndicator(body)
    }
}
