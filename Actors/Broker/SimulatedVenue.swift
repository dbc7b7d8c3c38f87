import Kernel
import Messages

/// One simulated venue's matching engine: our working orders against the market's top of book.
///
/// A plain value with no clock and no kernel, so it is unit-testable: every call gets the time
/// and appends what happened, in order, to the caller's buffer (see ``BrokerAdapter``). The book
/// of the rest of the market is what the feed says (top of book and prints); our orders are
/// matched against it as if they sat in that book, without moving it.
///
/// Lifecycle: every order gets either one reject, or an ack followed by zero or more fills and
/// exactly one terminal outcome: a fill with `isFinal`, cancelled, or expired. Cancelled and
/// expired reports carry the lots that never executed.
///
/// Rules:
/// - **Rejects**, checked in this order: duplicate order id (any id seen before; the original is
///   untouched), venue down, unknown symbol, a symbol this venue does not list
///   (``Instrument/venues``: symbol_not_listed), quantity ≤ 0, stale data (no quote yet, or the last
///   one older than `staleAfterNanoseconds` of the instrument's session time), outside the
///   instrument's session (market_closed), and for a pegged order no touch on its side to peg to
///   (no liquidity).
/// - **Taking**: a market order, and the marketable part of a limit order, fill at the standing
///   quote — buys at the ask, sells at the bid — up to ⌊displayed size × liquidity⌋, shared by all
///   our orders on that quote. A market remainder takes again on each new quote (which refills
///   the displayed size) and expires after `marketTimeToLiveNanoseconds`.
/// - **Resting** (limit, and pegged at our side's touch): queue-ahead is the displayed size at
///   our price when we join at the touch, 0 when we improve on it, unknown when we sit behind it.
///   A print at our price with the aggressor on the other side eats the queue ahead, then fills
///   us; a print through our price, or a quote whose other side is at or through our price, fills
///   us at our own price (up to ⌊size × liquidity⌋). A quote at our price can only shorten the
///   queue (it cannot be longer than what is displayed); a touch that moves behind our price
///   leaves us first. Resting orders expire after `limitTimeToLiveNanoseconds`.
/// - **Pegged** orders re-price to our side's touch on every quote; a new price puts them at the
///   back of the displayed size there. Their `limitPrice` is ignored.
/// - **Prices**: a taking fill is at the bid or ask of the quote current at its time; a resting
///   fill is at the order's own price, which it was quoting in the book and which the market
///   reached. Never a mid, never an improvement we could not have had.
/// - **Fees** per fill: notional × (taker or maker basis points) / 10 000 plus the venue's carried
///   remainder, rounded half away from zero to the minor unit; the sub-cent remainder carries to
///   the venue's next fill — a 0.3-cent fee is a cent on about every third fill, never rounded
///   away to nothing.
/// - **Down**: while ``VenueProfile/isDown(at:)``, arrivals are rejected, nothing matches and
///   cancels are lost; quotes are still recorded and expiries still happen.
public struct SimulatedVenue: BrokerAdapter, Sendable {
    /// This venue's index in the broker's list (the `venue` field of orders, fills, reports).
    public let index: UInt8
    public let profile: VenueProfile
    public let staleAfterNanoseconds: DurationNanoseconds
    public let marketTimeToLiveNanoseconds: DurationNanoseconds
    public let limitTimeToLiveNanoseconds: DurationNanoseconds
    /// Per symbol: does this venue list it (``Instrument/isListed(at:)``)? Nil when it lists them all.
    private let listed: [Bool]?
    /// Each symbol's sessions (``Instrument/sessions``); nil when no instrument has any.
    private let sessions: [TradingSessions?]?
    /// The market's top of book, per symbol.
    private var books: [Touch]
    /// Our open orders, in time priority (arrival order).
    private var working: WorkingOrders
    /// The latest order ids that reached this venue (a bounded window, ``RecentIDs``), to reject a
    /// resent order.
    private var seenOrderIDs = RecentIDs()
    /// Notional, fee and id of each execution.
    private var issuer: FillIssuer

    /// Fills issued so far; a fill's id is `index << 56 | fillsIssued`.
    public var fillsIssued: UInt64 { issuer.fillsIssued }

    /// Queue-ahead of an order that sits behind the touch: the depth there is not displayed.
    static let unknownQueueAheadLots: Int64 = .max

    public init(index: UInt8, profile: VenueProfile, instruments: [Instrument],
                staleAfterNanoseconds: DurationNanoseconds = 5_000_000_000,
                marketTimeToLiveNanoseconds: DurationNanoseconds = 5_000_000_000,
                limitTimeToLiveNanoseconds: DurationNanoseconds = 60_000_000_000) {
        precondition(profile.makerFeeMicroBasisPoints.magnitude <= 10_000_000_000 && profile.takerFeeMicroBasisPoints.magnitude <= 10_000_000_000,
                     "fees above 100% of the notional are a configuration error")
        precondition(profile.feePerContractMicroUnits >= 0 && profile.feePerContractMicroUnits <= VenueProfile.maximumFeePerContractMicroUnits,
                     "a fee per contract above 1000 currency units is a configuration error")
        self.index = index
        self.profile = profile
        listed = instruments.allSatisfy { $0.isListed(at: profile.name) } ? nil : instruments.map { $0.isListed(at: profile.name) }
        sessions = instruments.contains { $0.sessions != nil } ? instruments.map(\.sessions) : nil
        self.staleAfterNanoseconds = staleAfterNanoseconds
        self.marketTimeToLiveNanoseconds = marketTimeToLiveNanoseconds
        self.limitTimeToLiveNanoseconds = limitTimeToLiveNanoseconds
        books = Array(repeating: Touch(), count: instruments.count)
        working = WorkingOrders(symbolCount: instruments.count)
        issuer = FillIssuer(venue: index, profile: profile, instruments: instruments)
    }

    /// Orders open at this venue.
    public var workingOrderCount: Int { working.count }

    /// The lots still open for `orderID`, or nil if it is not working here.
    /// - Complexity: O(working orders).
    public func leavesQuantity(orderID: UInt64) -> Int64? {
        working.first(orderID: orderID)?.leavesQuantity
    }

    /// The resting price of a working order (its limit or current peg), or nil.
    /// - Complexity: O(working orders).
    public func restingPrice(orderID: UInt64) -> Int64? {
        working.first(orderID: orderID)?.priceLimit
    }

    /// The queue-ahead of a working order, in lots (`Int64.max` = behind the touch, unknown).
    /// - Complexity: O(working orders).
    public func queueAheadLots(orderID: UInt64) -> Int64? {
        working.first(orderID: orderID)?.queueAheadLots
    }

    // MARK: BrokerAdapter

    /// An order reaches the matching engine: reject, or ack then take what it can and rest the rest.
    /// - Complexity: O(1) plus O(working orders) when an expiry is due.
    public mutating func submit(_ order: Order, at time: Timestamp, into events: inout [VenueEvent]) {
        working.expireDue(at: time, venue: index, into: &events)
        guard seenOrderIDs.insert(order.orderID) else { return reject(order, .duplicateOrder, into: &events) }
        guard !profile.isDown(at: time) else { return reject(order, .venueDown, into: &events) }
        let symbol = Int(order.symbol)
        guard symbol < books.count else { return reject(order, .unknownSymbol, into: &events) }
        guard listed?[symbol] ?? true else { return reject(order, .symbolNotListed, into: &events) }
        guard order.quantity > 0 else { return reject(order, .invalidQuantity, into: &events) }
        let symbolSessions = sessions?[symbol]
        guard symbolSessions?.isOpen(at: time) ?? true else { return reject(order, .marketClosed, into: &events) }
        guard let quote = books[symbol].quote,
              !TradingSessions.isStale(quoteTime: books[symbol].quoteTime, at: time, after: staleAfterNanoseconds, sessions: symbolSessions) else {
            return reject(order, .staleData, into: &events)
        }
        let touchPrice = order.side == .buy ? quote.bidPrice : quote.askPrice
        if order.type == .pegged && touchPrice <= 0 { return reject(order, .noLiquidity, into: &events) }

        events.append(.report(ExecutionReport(orderID: order.orderID, symbol: order.symbol, kind: .acknowledged,
                                              leavesQuantity: order.quantity, venue: index, traceID: order.traceID)))
        let timeToLive = order.type == .market ? marketTimeToLiveNanoseconds : limitTimeToLiveNanoseconds
        var entry = WorkingOrder(order: order, leavesQuantity: order.quantity,
                                 priceLimit: order.type == .pegged ? touchPrice : order.limitPrice,
                                 queueAheadLots: 0, expiresAt: time &+ timeToLive)
        if order.type != .pegged {
            var book = books[symbol]
            take(&entry, book: &book, into: &events)
            books[symbol] = book
        }
        guard entry.leavesQuantity > 0, !entry.isClosed else { return }
        if order.type != .market { entry.queueAheadLots = entry.queueAheadOnJoining(quote) }
        working.append(entry)
    }

    /// Cancels a working order: a cancelled report with the lots that never executed. Nothing if
    /// the order is not working (already closed, never seen) or the venue is down.
    /// - Complexity: O(working orders).
    public mutating func cancel(orderID: UInt64, at time: Timestamp, into events: inout [VenueEvent]) {
        working.expireDue(at: time, venue: index, into: &events)
        guard !profile.isDown(at: time), let position = working.position(of: orderID) else { return }
        working.close(at: position, kind: .cancelled, venue: index, into: &events)
        working.removeClosed()
    }

    /// A new top of book: it refills the displayed sizes, then our orders on that symbol, in time
    /// priority, take (market), get filled through (resting), and re-queue or re-peg.
    /// - Complexity: O(1) when we have no order on the symbol, else O(working orders).
    public mutating func onQuote(_ quote: Quote, at time: Timestamp, into events: inout [VenueEvent]) {
        working.expireDue(at: time, venue: index, into: &events)
        let symbol = Int(quote.symbol)
        guard symbol < books.count else { return }
        books[symbol] = Touch(quote: quote, quoteTime: time,
                              bidLotsLeft: quote.bidPrice > 0 ? profile.reachableLots(quote.bidSize) : 0,
                              askLotsLeft: quote.askPrice > 0 ? profile.reachableLots(quote.askSize) : 0)
        guard working.hasOrders(onSymbol: symbol), !profile.isDown(at: time) else { return }
        // Copies out and back: the matching helpers mutate the venue too (fill ids).
        var book = books[symbol]
        for position in working.indices where working[position].order.symbol == quote.symbol {
            var entry = working[position]
            if entry.order.type == .market {
                take(&entry, book: &book, into: &events)
            } else {
                restingOnQuote(&entry, quote: quote, book: &book, into: &events)
            }
            working[position] = entry
        }
        books[symbol] = book
        working.removeClosed()
    }

    /// A print: resting orders at its price (aggressor on the other side) work through their
    /// queue; resting orders it went through fill at their price. At most ⌊size × liquidity⌋ lots
    /// in all. Market orders wait for quotes.
    /// - Complexity: O(1) when we have no order on the symbol, else O(working orders).
    public mutating func onTrade(_ trade: Trade, at time: Timestamp, into events: inout [VenueEvent]) {
        working.expireDue(at: time, venue: index, into: &events)
        let symbol = Int(trade.symbol)
        guard symbol < books.count, working.hasOrders(onSymbol: symbol), !profile.isDown(at: time), trade.size > 0 else { return }
        var lotsLeft = profile.reachableLots(trade.size)
        for position in working.indices where lotsLeft > 0 && working[position].order.symbol == trade.symbol {
            guard working[position].order.type != .market else { continue }
            var entry = working[position]
            guard let reached = entry.lotsReached(by: trade) else { continue }
            let lots = min(reached, lotsLeft)
            if lots > 0 {
                lotsLeft -= lots
                issuer.fill(&entry, lots: lots, price: entry.priceLimit, isMaker: true, into: &events)
            }
            working[position] = entry
        }
        working.removeClosed()
    }

    /// Expiries due at or before `time`.
    /// - Complexity: O(1) when none is due, else O(working orders).
    public mutating func onTime(_ time: Timestamp, into events: inout [VenueEvent]) {
        working.expireDue(at: time, venue: index, into: &events)
    }

    // MARK: Matching

    /// Takes liquidity at the touch for a market order or a marketable limit order.
    private mutating func take(_ entry: inout WorkingOrder, book: inout Touch, into events: inout [VenueEvent]) {
        guard let quote = book.quote else { return }
        if entry.order.side == .buy {
            let price = quote.askPrice
            guard price > 0, entry.order.type == .market || price <= entry.priceLimit else { return }
            let lots = min(entry.leavesQuantity, book.askLotsLeft)
            guard lots > 0 else { return }
            book.askLotsLeft -= lots
            issuer.fill(&entry, lots: lots, price: price, isMaker: false, into: &events)
        } else {
            let price = quote.bidPrice
            guard price > 0, entry.order.type == .market || price >= entry.priceLimit else { return }
            let lots = min(entry.leavesQuantity, book.bidLotsLeft)
            guard lots > 0 else { return }
            book.bidLotsLeft -= lots
            issuer.fill(&entry, lots: lots, price: price, isMaker: false, into: &events)
        }
    }

    /// A resting order meets a new quote: filled if the other side reached its price, then its
    /// queue position follows our side's touch, and a pegged order moves to it (``WorkingOrder/followTouch(of:)``).
    private mutating func restingOnQuote(_ entry: inout WorkingOrder, quote: Quote, book: inout Touch,
                                         into events: inout [VenueEvent]) {
        let isBuy = entry.isBuy
        let otherPrice = isBuy ? quote.askPrice : quote.bidPrice
        if otherPrice > 0 && (isBuy ? otherPrice <= entry.priceLimit : otherPrice >= entry.priceLimit) {
            // The other side reached our price: our whole level was matched, ahead of us included.
            entry.queueAheadLots = 0
            let lots = min(entry.leavesQuantity, isBuy ? book.askLotsLeft : book.bidLotsLeft)
            if lots > 0 {
                if isBuy { book.askLotsLeft -= lots } else { book.bidLotsLeft -= lots }
                issuer.fill(&entry, lots: lots, price: entry.priceLimit, isMaker: true, into: &events)
            }
        }
        guard entry.leavesQuantity > 0, !entry.isClosed else { return }
        entry.followTouch(of: quote)
    }

    // MARK: Refusing orders

    private func reject(_ order: Order, _ reason: ExecutionReport.RejectReason, into events: inout [VenueEvent]) {
        events.append(.report(ExecutionReport(orderID: order.orderID, symbol: order.symbol, kind: .rejected, reason: reason,
                                              leavesQuantity: max(0, order.quantity), venue: index, traceID: order.traceID)))
    }
}
