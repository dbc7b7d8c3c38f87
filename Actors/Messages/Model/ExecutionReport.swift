import Kernel

/// A venue's report on an order other than a fill: acknowledged, rejected, cancelled, expired.
/// A decision: it enters the decision digest.
public struct ExecutionReport: WireCodable, Equatable {
    public enum Kind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        case acknowledged = 1
        case rejected = 2
        case cancelled = 3
        case expired = 4

        public var description: String {
            switch self {
            case .acknowledged: "ack"
            case .rejected: "rejected"
            case .cancelled: "cancelled"
            case .expired: "expired"
            }
        }
    }

    /// Why a venue refused an order.
    public enum RejectReason: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        case none = 0
        case staleData = 1
        case unknownSymbol = 2
        case invalidQuantity = 3
        case duplicateOrder = 4
        case venueDown = 5
        case noLiquidity = 6
        case unknownVenue = 7
        /// The venue throttled us (chaos: router_rate_limit).
        case rateLimited = 8
        /// The venue refused the order without a stated reason (chaos: broker_reject).
        case venueReject = 9
        /// The venue does not list the order's symbol (`universe[].venues`).
        case symbolNotListed = 10
        /// A fill would be worth more than the valuation domain (Actors' `MarketBounds`): the venue
        /// cancels the order's rest instead.
        case valuation = 11
        /// The order arrived outside its instrument's trading session (`universe[].session`).
        case marketClosed = 12

        public var description: String {
            switch self {
            case .none: "none"
            case .staleData: "stale_data"
            case .unknownSymbol: "unknown_symbol"
            case .invalidQuantity: "invalid_quantity"
            case .duplicateOrder: "duplicate_order"
            case .venueDown: "venue_down"
            case .noLiquidity: "no_liquidity"
            case .unknownVenue: "unknown_venue"
            case .rateLimited: "rate_limited"
            case .venueReject: "venue_reject"
            case .symbolNotListed: "symbol_not_listed"
            case .valuation: "valuation"
            case .marketClosed: "market_closed"
            }
        }
    }

    public var orderID: UInt64
    /// Lots still open after an ack; on a terminal report, the lots that never executed.
    public var leavesQuantity: Int64
    public var traceID: UInt64
    public var symbol: SymbolID
    public var kind: Kind
    public var reason: RejectReason
    public var venue: UInt8

    public init(orderID: UInt64, symbol: SymbolID, kind: Kind, reason: RejectReason = .none, leavesQuantity: Int64,
                venue: UInt8, traceID: UInt64) {
        self.orderID = orderID
        self.symbol = symbol
        self.kind = kind
        self.reason = reason
        self.leavesQuantity = leavesQuantity
        self.venue = venue
        self.traceID = traceID
    }

    /// True for reports after which the order is closed.
    public var isTerminal: Bool { kind != .acknowledged }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(orderID)
        writer.write(symbol)
        writer.write(kind.rawValue)
        writer.write(reason.rawValue)
        writer.write(leavesQuantity)
        writer.write(venue)
        writer.write(traceID)
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        orderID = try reader.readUInt64()
        symbol = try reader.readUInt32()
        var at = reader.offset
        let rawKind = try reader.readUInt8()
        guard let kind = Kind(rawValue: rawKind) else {
            throw DecodingError(offset: at, message: "expected a report kind (1 ack … 4 expired), found \(rawKind)")
        }
        self.kind = kind
        at = reader.offset
        let rawReason = try reader.readUInt8()
        guard let reason = RejectReason(rawValue: rawReason) else {
            throw DecodingError(offset: at, message: "expected a reject reason (0…10), found \(rawReason)")
        }
        self.reason = reason
        leavesQuantity = try reader.readInt64()
        venue = try reader.readUInt8()
        traceID = try reader.readUInt64()
    }
}
