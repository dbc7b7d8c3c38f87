import Kernel
import Messages

/// Flow: order-flow imbalance. Per symbol, an EWMA of the top-of-book size imbalance
/// (bid size − ask size) / (bid size + ask size) and of the signed traded volume share (+ for
/// buyer-initiated trades, − for seller-initiated), averaged. Pressure on one side tends to move
/// the price that way.
public struct FlowModel: FeatureModel {
    public static let agentName = "flow"
    /// `receive` specialized for this model (see ``FeatureModel/featureAgentReceiver``).
    public static var featureAgentReceiver: (isolated FeatureAgent<FlowModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public static let modelVersion: UInt16 = 1
    private var bookImbalance: [Double]
    private var tradeImbalance: [Double]
    private var quotesSeen: [Int]
    private let weight: Double

    public init(symbolCount: Int, smoothing: Int = 20) {
        bookImbalance = Array(repeating: 0, count: symbolCount)
        tradeImbalance = Array(repeating: 0, count: symbolCount)
        quotesSeen = Array(repeating: 0, count: symbolCount)
        weight = 2.0 / Double(smoothing + 1)
    }

    public mutating func absorb(quote: Quote, time: Timestamp) -> SymbolID? {
        let index = Int(quote.symbol)
        guard index < bookImbalance.count, quote.bidSize + quote.askSize > 0 else { return nil }
        let imbalance = Double(quote.bidSize - quote.askSize) / Double(quote.bidSize + quote.askSize)
        bookImbalance[index] += weight * (imbalance - bookImbalance[index])
        quotesSeen[index] += 1
        // Publish on every tenth quote: the feature moves slowly, signals on every tick would not add information.
        return quotesSeen[index] % 10 == 0 ? quote.symbol : nil
    }

    public mutating func absorb(trade: Trade, time: Timestamp) -> SymbolID? {
        let index = Int(trade.symbol)
        guard index < tradeImbalance.count else { return nil }
        tradeImbalance[index] += weight * ((trade.aggressor == .buy ? 1.0 : -1.0) - tradeImbalance[index])
        return nil
    }

    public func feature(of symbol: Int) -> Double? {
        quotesSeen[symbol] >= 20 ? (bookImbalance[symbol] + tradeImbalance[symbol]) / 2 : nil
    }
}
