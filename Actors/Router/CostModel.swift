import Kernel
import Messages

/// Expected cost of executing q lots, in basis points of the arrival mid (positive = cost):
/// - market: half-spread + taker fee + Almgren–Chriss temporary impact η·σ·(q / depth) and half
///   the permanent impact γ·σ·(q / depth), depth = displayed size × venue liquidity;
/// - limit at the touch: p × (−half-spread + maker fee) + (1 − p) × (market cost + σ·√(wait)) —
///   a passive order earns the half-spread when it fills, and when it does not, the parent pays
///   to cross later after the price may have moved; p = fill probability × venue liquidity;
/// - pegged: as limit, with a better fill chance (it follows the touch);
/// - POV: n market slices of at most `participation` × depth: each slice's temporary impact
///   η·σ·(slice / depth), the permanent impact ½γ·σ·(q / depth) of the whole order (it does not
///   depend on the schedule), and the timing risk ½·σ·√(n × slice interval) of waiting.
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

    public struct Market: Sendable, Equatable {
        public var halfSpreadBasisPoints: Double
        public var displayedSize: Int64
        public var dailyVolatility: Double

        public init(halfSpreadBasisPoints: Double, displayedSize: Int64, dailyVolatility: Double) {
            self.halfSpreadBasisPoints = halfSpreadBasisPoints
            self.displayedSize = displayedSize
            self.dailyVolatility = dailyVolatility
        }
    }

    private func temporary(_ quantity: Int64, depth: Double, volatility: Double) -> Double {
        temporaryImpact * volatility * Double(quantity) / max(depth, 1) * 10_000
    }

    private func permanent(_ quantity: Int64, depth: Double, volatility: Double) -> Double {
        permanentImpact / 2 * volatility * Double(quantity) / max(depth, 1) * 10_000
    }

    /// Every candidate on every venue, in a fixed order (venue, then market, limit, pegged, POV).
    /// - Parameter listed: per venue, whether the instrument trades there (nil: everywhere); an
    ///   unlisted venue gets no candidate, however cheap it would be. Candidates keep the venue's
    ///   index in `venues`.
    public func candidates(quantity: Int64, market: Market, venues: [VenueCosts], listed: [Bool]? = nil) -> [RoutingChoice] {
        var choices: [RoutingChoice] = []
        appendCandidates(to: &choices, quantity: quantity, market: market, venues: venues, listed: listed)
        return choices
    }

    /// ``candidates(quantity:market:venues:listed:)`` appended to `choices`: the router reuses one
    /// buffer, so routing an order allocates nothing once the buffer has grown.
    public func appendCandidates(to choices: inout [RoutingChoice], quantity: Int64, market: Market, venues: [VenueCosts],
                                 listed: [Bool]? = nil) {
        precondition(listed.map { $0.count == venues.count } ?? true, "one listing flag per venue")
        let minuteVolatility = market.dailyVolatility / 390.0.squareRoot()
        for (index, venue) in venues.enumerated() where listed?[index] ?? true {
            let depth = Double(market.displayedSize) * venue.liquidity
            let volatility = market.dailyVolatility
            let take = market.halfSpreadBasisPoints + venue.takerFeeBasisPoints
                + temporary(quantity, depth: depth, volatility: volatility) + permanent(quantity, depth: depth, volatility: volatility)
            choices.append(RoutingChoice(venue: index, type: .market, slices: 1, modelCostBasisPoints: take))
            let miss = take + minuteVolatility * passiveWaitMinutes.squareRoot() * 10_000
            let rest = -market.halfSpreadBasisPoints + venue.makerFeeBasisPoints
            let reach = min(max(venue.liquidity, 0), 1)
            // Limit, then pegged (written out: a literal array of the two would be allocated per order).
            let limitFill = limitFillProbability * reach
            choices.append(RoutingChoice(venue: index, type: .limit, slices: 1, modelCostBasisPoints: limitFill * rest + (1 - limitFill) * miss))
            let peggedFill = peggedFillProbability * reach
            choices.append(RoutingChoice(venue: index, type: .pegged, slices: 1, modelCostBasisPoints: peggedFill * rest + (1 - peggedFill) * miss))
            let sliceSize = max(Int64(participation * depth), 1)
            if quantity > sliceSize {
                let slices = Int((quantity + sliceSize - 1) / sliceSize)
                let timing = 0.5 * minuteVolatility * (Double(slices) * sliceIntervalMinutes).squareRoot() * 10_000
                let cost = market.halfSpreadBasisPoints + venue.takerFeeBasisPoints + temporary(sliceSize, depth: depth, volatility: volatility)
                    + permanent(quantity, depth: depth, volatility: volatility) + timing
                choices.append(RoutingChoice(venue: index, type: .market, slices: slices, modelCostBasisPoints: cost))
            }
        }
    }
}
