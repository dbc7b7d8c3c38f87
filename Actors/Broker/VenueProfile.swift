import Kernel
import Messages

/// What makes one simulated venue different from another: fees, latencies, how much of the
/// displayed book we can reach there, and when it is down.
///
/// An order's `venue` field indexes the broker's list of profiles.
public struct VenueProfile: Sendable, Equatable {
    public var name: String
    /// Fee on resting (liquidity-adding) fills, in millionths of a basis point of the notional
    /// (0.25 bp is 250 000); negative is a rebate paid to us. Integers, so that what a fill is
    /// charged is exact: a scenario's decimal fee is read to this without binary floating point.
    public var makerFeeMicroBasisPoints: Int64
    /// Fee on liquidity-taking fills, in millionths of a basis point of the notional.
    public var takerFeeMicroBasisPoints: Int64
    /// Fee per contract (per unit of quantity: one ES lot, one share) on every fill, maker or
    /// taker, in millionths of the account currency (1.18 USD is 1 180 000), added to the basis
    /// points' fee.
    public var feePerContractMicroUnits: Int64
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
                liquidity: Double = 1, downFrom: Timestamp? = nil, downUntil: Timestamp? = nil, feePerContractMicroUnits: Int64 = 0) {
        precondition(makerFeeBasisPoints.isFinite && takerFeeBasisPoints.isFinite, "fees must be finite")
        precondition(abs(makerFeeBasisPoints) <= 10_000 && abs(takerFeeBasisPoints) <= 10_000,
                     "fees above 100% of the notional are a configuration error")
        self.name = name
        makerFeeMicroBasisPoints = VenueProfile.microBasisPoints(makerFeeBasisPoints)
        takerFeeMicroBasisPoints = VenueProfile.microBasisPoints(takerFeeBasisPoints)
        self.feePerContractMicroUnits = feePerContractMicroUnits
        self.orderLatency = orderLatency
        self.ackLatency = ackLatency
        self.liquidity = liquidity
        self.downFrom = downFrom
        self.downUntil = downUntil
    }

    /// The maker fee in basis points: what the router's cost model reads.
    public var makerFeeBasisPoints: Double {
        get { Double(makerFeeMicroBasisPoints) / 1_000_000 }
        set { makerFeeMicroBasisPoints = VenueProfile.microBasisPoints(newValue) }
    }

    /// The taker fee in basis points: what the router's cost model reads.
    public var takerFeeBasisPoints: Double {
        get { Double(takerFeeMicroBasisPoints) / 1_000_000 }
        set { takerFeeMicroBasisPoints = VenueProfile.microBasisPoints(newValue) }
    }

    /// The largest fee per contract: 1000 currency units (a venue refuses a fill whose fee would
    /// fall outside the valuation domain, as it refuses one whose notional would).
    public static let maximumFeePerContractMicroUnits: Int64 = 1_000_000_000

    /// Basis points to millionths of a basis point, to the nearest: exact for every decimal of at
    /// most six places (|bp| ≤ 10 000 keeps the product far inside a `Double`'s exact integers).
    static func microBasisPoints(_ basisPoints: Double) -> Int64 { Int64((basisPoints * 1_000_000).rounded()) }

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
