/// What the router knows of a venue when it prices an order.
public struct VenueCosts: Sendable, Equatable {
    public var name: String
    /// Fee for resting (maker) fills; negative is a rebate.
    public var makerFeeBasisPoints: Double
    /// Fee for liquidity-taking fills.
    public var takerFeeBasisPoints: Double
    /// Share of the displayed size reachable at this venue.
    public var liquidity: Double

    public init(name: String, makerFeeBasisPoints: Double, takerFeeBasisPoints: Double, liquidity: Double = 1) {
        self.name = name
        self.makerFeeBasisPoints = makerFeeBasisPoints
        self.takerFeeBasisPoints = takerFeeBasisPoints
        self.liquidity = liquidity
    }
}
