import Kernel
import Messages

/// Roll's (1984) effective spread from one symbol's trade prices: when trades alternate between
/// the bid and the ask around an efficient price, consecutive price changes are negatively
/// autocorrelated, cov(Δpₜ, Δpₜ₋₁) = −s²/4, so s = 2·√(−cov). Estimated over a sliding window of
/// the last `window` pairs of consecutive changes (zero changes included), with the centered
/// covariance (1/n, not 1/(n−1)): cov = (Σxy − Σx·Σy/n) / n, x the earlier change, y the later.
///
/// The sums are exact integers in the price's minor units, kept up to date as pairs enter and
/// leave the ring (no allocation after init); a change is clamped to ±2²⁴ units so the sums
/// cannot overflow whatever the data (a jump that large is the input defense's business).
public struct RollSpreadEstimator: Sendable {
    static let maximumChange: Int64 = 1 << 24

    /// The window's length, in pairs of consecutive price changes.
    public let window: Int
    private var earlier: [Int64]
    private var later: [Int64]
    private var next = 0
    /// Pairs in the window (at most `window`).
    public private(set) var count = 0
    private var sumEarlier: Int64 = 0
    private var sumLater: Int64 = 0
    private var sumProducts: Int64 = 0
    private var lastPrice: Int64?
    private var lastChange: Int64?

    public init(window: Int) {
        precondition(window >= 2, "Roll's estimator needs at least two pairs")
        self.window = window
        earlier = Array(repeating: 0, count: window)
        later = Array(repeating: 0, count: window)
    }

    /// Takes the next trade's price (in minor units).
    public mutating func observe(price: Int64) {
        defer { lastPrice = price }
        guard let previousPrice = lastPrice else { return }
        let change = min(max(price &- previousPrice, -Self.maximumChange), Self.maximumChange)
        defer { lastChange = change }
        guard let previousChange = lastChange else { return }
        if count == window {
            sumEarlier -= earlier[next]
            sumLater -= later[next]
            sumProducts -= earlier[next] * later[next]
        } else {
            count += 1
        }
        earlier[next] = previousChange
        later[next] = change
        sumEarlier += previousChange
        sumLater += change
        sumProducts += previousChange * change
        next = next + 1 == window ? 0 : next + 1
    }

    /// The serial covariance of consecutive changes over the window (minor units²); nil before
    /// the window is full.
    public var serialCovariance: Double? {
        guard count == window else { return nil }
        let n = Double(count)
        return (Double(sumProducts) - Double(sumEarlier) * Double(sumLater) / n) / n
    }

    /// Roll's spread 2·√(−cov) in minor units; nil before the window is full or when the
    /// covariance is not negative (the data do not bounce: no estimate).
    public var spread: Double? {
        guard let covariance = serialCovariance, covariance < 0 else { return nil }
        return 2 * (-covariance).squareRoot()
    }
}
