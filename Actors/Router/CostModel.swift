/// Expected cost of executing q lots, in basis points of the arrival mid (positive = cost):
/// - market: half-spread + taker fee + Almgren–Chriss temporary impact η·σ·(q / depth) and half
///   the permanent impact γ·σ·(q / depth), depth = displayed size × venue liquidity;
/// - limit at the touch: −half-spread + maker fee + (1 − p_fill) × (full spread + σ·√(wait)) —
///   a passive order earns the spread when it fills and pays to cross later when it does not;
/// - pegged: as limit, with a better fill chance (it follows the touch);
/// - POV: n market slices of at most `participation` × depth, each with its own impact, plus the
///   timing risk ½·σ·√(n × slice interval) of waiting.
/// σ is the daily volatility (a fraction).
public struct CostModel: Sendable, Equatable {
    public var temporaryImpact = 0.1
    public var permanentImpact = 0.05
    public var limitFillProbability = 0.5
    public var peggedFillProbability = 0.7
    /// Minutes a passive order waits before its time to live runs out.
    public var passiveWaitMinutes = 1.0
    public var participation = 0.2
    public var sliceIntervalMinutes = 0.5

    public init() {}

    public struct Market: Sendable {
        public var halfSpreadBasisPoints: Double
        public var displayedSize: Int64
        public var dailyVolatility: Double

        public init(halfSpreadBasisPoints: Double, displayedSize: Int64, dailyVolatility: Double) {
            self.halfSpreadBasisPoints = halfSpreadBasisPoints
            self.displayedSize = displayedSize
            self.dailyVolatility = dailyVolatility
        }
    }

    private func impact(_ quantity: Int64, depth: Double, volatility: Double) -> Double {
        let participation = Double(quantity) / max(depth, 1)
        return (temporaryImpact + permanentImpact / 2) * volatility * participation * 10_000
    }

    /// Every candidate on every venue, in a fixed order (venue, then market, limit, pegged, POV).
    public func candidates(quantity: Int64, market: Market, venues: [VenueCosts]) -> [RoutingChoice] {
        var choices: [RoutingChoice] = []
        let minuteVolatility = market.dailyVolatility / 390.0.squareRoot()
        for (index, venue) in venues.enumerated() {
            let depth = Double(market.displayedSize) * venue.liquidity
            let take = market.halfSpreadBasisPoints + venue.takerFeeBasisPoints
            choices.append(RoutingChoice(venue: index, type: .market, slices: 1,
                                         modelCostBasisPoints: take + impact(quantity, depth: depth, volatility: market.dailyVolatility)))
            let miss = 2 * market.halfSpreadBasisPoints + minuteVolatility * passiveWaitMinutes.squareRoot() * 10_000
            let rest = -market.halfSpreadBasisPoints + venue.makerFeeBasisPoints
            choices.append(RoutingChoice(venue: index, type: .limit, slices: 1,
                                         modelCostBasisPoints: limitFillProbability * rest + (1 - limitFillProbability) * (miss + take)))
            choices.append(RoutingChoice(venue: index, type: .pegged, slices: 1,
                                         modelCostBasisPoints: peggedFillProbability * rest + (1 - peggedFillProbability) * (miss + take)))
            let sliceSize = max(Int64(participation * depth), 1)
            if quantity > sliceSize {
                let slices = Int((quantity + sliceSize - 1) / sliceSize)
                let timing = 0.5 * minuteVolatility * (Double(slices) * sliceIntervalMinutes).squareRoot() * 10_000
                choices.append(RoutingChoice(venue: index, type: .market, slices: slices,
                                             modelCostBasisPoints: take + impact(sliceSize, depth: depth, volatility: market.dailyVolatility) + timing))
            }
        }
        return choices
    }
}
