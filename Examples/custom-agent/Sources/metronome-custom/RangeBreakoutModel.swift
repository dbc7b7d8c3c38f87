import Actors
import Kernel
import Messages

/// A range-breakout feature: where each symbol's mid sits in the range of its last `window` mids,
/// from −1 (at the low) to +1 (at the high). The standard FeatureAgent learns how that position
/// predicts the return over the agent's horizon, and emits its μ and σ as signals. When a mid
/// breaks out to the other edge of its range, the model also sends this package's own message,
/// a ``Breakout``, which the package's `breakout-guard` gate check receives.
struct RangeBreakoutModel: FeatureModel {
    static let agentName = "range-breakout"
    static let modelVersion: UInt16 = 1
    /// The agent's `receive` specialized for this model: written here, where the type is concrete.
    static var featureAgentReceiver: (isolated FeatureAgent<RangeBreakoutModel>, UnsafePointer<Delivery>) -> Void {
        { $0.receive($1.pointee) }
    }

    static var sendsPackageMessages: Bool { true }

    let window: Int
    /// The last `window` log mids of every symbol, in a ring per symbol.
    private var mids: [Double]
    private var filled: [Int]
    private var next: [Int]
    /// Per symbol: the edge of the last breakout sent (+1 high, −1 low, 0 none yet).
    private var lastBreakout: [Double]

    init(symbolCount: Int, window: Int) {
        precondition(window >= 2)
        self.window = window
        mids = Array(repeating: 0, count: symbolCount * window)
        filled = Array(repeating: 0, count: symbolCount)
        next = Array(repeating: 0, count: symbolCount)
        lastBreakout = Array(repeating: 0, count: symbolCount)
    }

    mutating func absorb(quote: Quote, logMid: Double, time: Timestamp) -> SymbolID? {
        let symbol = Int(quote.symbol)
        guard symbol < filled.count else { return nil }
        mids[symbol * window + next[symbol]] = logMid
        next[symbol] = (next[symbol] + 1) % window
        filled[symbol] = min(filled[symbol] + 1, window)
        return quote.symbol
    }

    func feature(of symbol: Int) -> Double? {
        guard filled[symbol] == window else { return nil }
        let ring = mids[(symbol * window)..<((symbol + 1) * window)]
        let low = ring.min()!, high = ring.max()!
        guard high > low else { return 0 }
        let latest = mids[symbol * window + (next[symbol] + window - 1) % window]
        return 2 * (latest - low) / (high - low) - 1
    }

    /// Journaled behind each signal when the run records signals (`--record-signals`), under the
    /// ids main.swift registers: the range's width, in log-price units.
    func forEachCustomValue(of symbol: Int, _ body: (UInt16, Double) -> Void) {
        guard filled[symbol] == window else { return }
        let ring = mids[(symbol * window)..<((symbol + 1) * window)]
        body(RangeBreakoutModel.rangeWidthID, ring.max()! - ring.min()!)
    }

    /// A ``Breakout`` when the mid reaches the edge opposite the last breakout's (or a first edge).
    mutating func sendMessages(about symbol: Int, traceID: UInt64, _ send: (PackageMessage) -> Void) {
        guard let position = feature(of: symbol), abs(position) == 1, position != lastBreakout[symbol] else { return }
        lastBreakout[symbol] = position
        let ring = mids[(symbol * window)..<((symbol + 1) * window)]
        send(Breakout(symbol: SymbolID(symbol), direction: position, rangeWidth: ring.max()! - ring.min()!).packed(traceID: traceID))
    }

    /// The permanent id of the range width in logs.
    static let rangeWidthID: UInt16 = 1
}
