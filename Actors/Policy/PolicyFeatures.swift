import Foundation

/// The observation a policy stage hands its decider, in a buffer it reuses (no allocation per
/// decision). The order is the contract with Python (docs/python.md):
///
/// 0 ..< W  the last W interval log returns of the mid, oldest first (0 before there are W)
/// W + 0    the position, as a share of `max_position` lots (−1 … 1)
/// W + 1    the open position's return since the decision that set it (signed by its side; 0 flat)
/// W + 2    ln(equity / initial equity)
/// W + 3    drawdown from the equity peak (a fraction, ≥ 0)
/// W + 4    σ: the volatility estimate of one interval's log return
/// W + 5    the spread over the mid
/// W + 6    the blender's latest forecast for the symbol as μ/σ (0 without a blender)
/// W + 7    the share of the run's span elapsed (0 … 1; 0 for a run without an end)
struct PolicyFeatures {
    static let stateFeatureCount = 8

    private(set) var values: [Double]
    /// Interval log returns, a ring of the window's size.
    private var returns: [Double]
    private var returnCount = 0
    /// Exponentially weighted mean of squared returns.
    private(set) var variance = 0.0
    private let decay: Double

    init(window: Int, volatilityHalfLife: Double) {
        values = Array(repeating: 0, count: window + Self.stateFeatureCount)
        returns = Array(repeating: 0, count: window)
        decay = volatilityHalfLife > 0 ? pow(0.5, 1 / volatilityHalfLife) : 0
    }

    var sigma: Double { variance.squareRoot() }
    var window: Int { returns.count }

    mutating func addReturn(_ value: Double) {
        if !returns.isEmpty { returns[returnCount % returns.count] = value }
        variance = returnCount == 0 ? value * value : decay * variance + (1 - decay) * value * value
        returnCount += 1
    }

    /// Fills ``values`` from the stage's state.
    mutating func update(positionShare: Double, openReturn: Double, logEquity: Double, drawdown: Double, spreadShare: Double,
                         forecastScore: Double, elapsedShare: Double) {
        let window = returns.count
        let filled = min(returnCount, window)
        for slot in 0..<window {
            // Oldest first: slot `window - filled` holds the oldest return kept.
            let age = window - 1 - slot
            values[slot] = age < filled ? returns[(returnCount - 1 - age) % window] : 0
        }
        values[window] = positionShare
        values[window + 1] = openReturn
        values[window + 2] = logEquity
        values[window + 3] = drawdown
        values[window + 4] = sigma
        values[window + 5] = spreadShare
        values[window + 6] = forecastScore
        values[window + 7] = elapsedShare
    }
}
