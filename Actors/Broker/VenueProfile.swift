import Kernel
import Messages

/// What makes one simulated venue different from another: fees, latencies, how much of the
/// displayed book we can reach there, and when it is down.
///
/// An order's `venue` field indexes the broker's list of profiles.
public struct VenueProfile: Sendable, Equatable {
    public var name: String
    /// Fee on resting (liquidity-adding) fills, in basis points of the notional; negative is a
    /// rebate paid to us.
    public var makerFeeBasisPoints: Double
    /// Fee on liquidity-taking fills, in basis points of the notional.
    public var takerFeeBasisPoints: Double
    /// Order entry: from our send to the matching engine.
    public var orderLatency: LatencyModel
    /// Venue to us: from the matching engine's event (ack, fill, reject…) to its delivery.
    public var ackLatency: LatencyModel
    /// Multiplier on the quote's displayed sizes (and on trade sizes) available to us at this
    /// venue: 1 = the whole displayed size, 0.5 = half of it (other participants, hidden
    /// fragmentation). Lots are floored; a value ≤ 0 means nothing ever fills.
    public var liquidity: Double
    /// Start of a downtime window (inclusive); `nil` with a `downUntil` means down from the start.
    public var downFrom: Timestamp?
    /// End of the downtime window (exclusive); `nil` with a `downFrom` means down for good.
    public var downUntil: Timestamp?

    public init(name: String = "venue", makerFeeBasisPoints: Double = 0, takerFeeBasisPoints: Double = 1,
                orderLatency: LatencyModel = .constant(1_000_000), ackLatency: LatencyModel = .constant(0),
                liquidity: Double = 1, downFrom: Timestamp? = nil, downUntil: Timestamp? = nil) {
        self.name = name
        self.makerFeeBasisPoints = makerFeeBasisPoints
        self.takerFeeBasisPoints = takerFeeBasisPoints
        self.orderLatency = orderLatency
        self.ackLatency = ackLatency
        self.liquidity = liquidity
        self.downFrom = downFrom
        self.downUntil = downUntil
    }

    /// True when the venue neither accepts orders nor matches at `time`: inside
    /// `[downFrom, downUntil)`, with a missing bound open-ended. No window when both are nil.
    /// - Complexity: O(1).
    @inline(__always)
    public func isDown(at time: Timestamp) -> Bool {
        if downFrom == nil && downUntil == nil { return false }
        return time >= (downFrom ?? 0) && time < (downUntil ?? .max)
    }

    /// The lots of a displayed `size` we may take here: `⌊size × liquidity⌋`, at least 0.
    /// - Complexity: O(1).
    @inline(__always)
    public func reachableLots(_ size: Int64) -> Int64 {
        guard size > 0 else { return 0 }
        if liquidity == 1 { return size }
        let scaled = (Double(size) * liquidity).rounded(.down)
        guard scaled > 0 else { return 0 }  // also NaN
        return scaled >= Double(Int64.max) ? .max : Int64(scaled)
    }
}
