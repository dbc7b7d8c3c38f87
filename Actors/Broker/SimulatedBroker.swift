import Kernel
import Messages
import Logging

/// The broker: routed orders in; acks, fills, rejects, cancels and expiries out, from one
/// ``SimulatedVenue`` per ``VenueProfile``.
///
/// Latency both ways: an order reaches its venue after a draw of that venue's `orderLatency`
/// (a timer per order, so with random latency orders may arrive out of send order, as they do on
/// real links); everything the venue says about one event is published together after one draw
/// of its `ackLatency`, never before what that venue said earlier (a venue session is FIFO).
/// Fills go to ``Topics/fills``, reports to ``Topics/executionReports``.
///
/// Order entry rejects at once, before any latency: an order for a venue we do not have
/// (unknown_venue), and an order id we have already seen at any venue (duplicate_order — checked
/// here because with random latency a duplicate could overtake its original on the way).
public actor SimulatedBroker: Component {
    public struct Parameters: Sendable, Equatable {
        /// The venues; an order's `venue` field indexes this list.
        public var venues: [VenueProfile]
        /// A venue rejects an order (stale_data) when its last quote for the symbol is older.
        public var staleAfterNanoseconds: DurationNanoseconds
        /// A market order's unfilled remainder expires this long after it reached the venue.
        public var marketTimeToLiveNanoseconds: DurationNanoseconds
        /// A limit or pegged order expires this long after it reached the venue.
        public var limitTimeToLiveNanoseconds: DurationNanoseconds
        /// Chance that a fill is published twice with the same fill id, to exercise idempotent
        /// consumers. Drawn from a stream of its own, so turning it on moves no latency draw.
        public var duplicateReportProbability: Double

        public init(venues: [VenueProfile] = [VenueProfile()],
                    staleAfterNanoseconds: DurationNanoseconds = 5_000_000_000,
                    marketTimeToLiveNanoseconds: DurationNanoseconds = 5_000_000_000,
                    limitTimeToLiveNanoseconds: DurationNanoseconds = 60_000_000_000,
                    duplicateReportProbability: Double = 0) {
            self.venues = venues
            self.staleAfterNanoseconds = staleAfterNanoseconds
            self.marketTimeToLiveNanoseconds = marketTimeToLiveNanoseconds
            self.limitTimeToLiveNanoseconds = limitTimeToLiveNanoseconds
            self.duplicateReportProbability = duplicateReportProbability
        }

        /// One venue with a constant order-entry latency, immediate reports, and the same fee for
        /// maker and taker fills (the single-venue scenario form).
        public init(orderLatencyNanoseconds: DurationNanoseconds, feeBasisPoints: Int64) {
            self.init(venues: [VenueProfile(name: "venue", makerFeeBasisPoints: Double(feeBasisPoints),
                                            takerFeeBasisPoints: Double(feeBasisPoints),
                                            orderLatency: .constant(orderLatencyNanoseconds), ackLatency: .constant(0))])
        }

        /// Single-venue shorthand: venue 0's typical order latency; setting it makes it constant.
        public var orderLatencyNanoseconds: DurationNanoseconds {
            get { venues.first?.orderLatency.typicalNanoseconds ?? 0 }
            set {
                if venues.isEmpty { venues.append(VenueProfile()) }
                venues[0].orderLatency = .constant(newValue)
            }
        }

        /// Single-venue shorthand: venue 0's taker fee (rounded); setting it sets maker and taker.
        public var feeBasisPoints: Int64 {
            get { Int64((venues.first?.takerFeeBasisPoints ?? 0).rounded()) }
            set {
                if venues.isEmpty { venues.append(VenueProfile()) }
                venues[0].makerFeeBasisPoints = Double(newValue)
                venues[0].takerFeeBasisPoints = Double(newValue)
            }
        }
    }


    /// Timer tags with this bit set are expiry checks (the low bits name the venue); without it,
    /// an order's in-flight slot.
    private static let expiryTagFlag: UInt64 = 1 << 63

    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    private let parameters: Parameters
    /// One adapter per venue: simulated venues, or whatever was plugged in.
    @exclusivity(unchecked) private var venues: [any BrokerAdapter]
    /// Orders between our send and their arrival; an arrival timer's tag is the slot index.
    @exclusivity(unchecked) private var inFlight: [Order?] = []
    @exclusivity(unchecked) private var freeSlots: [Int] = []
    /// The latest order ids received (a bounded window, ``RecentIDs``), to reject a resent order.
    @exclusivity(unchecked) private var seenOrderIDs = RecentIDs()
    /// Per venue: the time of its last publication; later ones never overtake it.
    @exclusivity(unchecked) private var lastPublicationTimes: [Timestamp]
    /// Reused buffer for what a venue says about one event.
    @exclusivity(unchecked) private var events: [VenueEvent] = []
    @exclusivity(unchecked) private var duplicateRandom: RandomStream
    private let fillsTopic: TopicID
    private let reportsTopic: TopicID

    /// Orders received from the orders topic (rejected ones included).
    @exclusivity(unchecked) public private(set) var ordersReceived = 0
    /// Fills published, duplicates not counted.
    @exclusivity(unchecked) public private(set) var fillsSent = 0
    /// Fills published a second time with the same fill id.
    @exclusivity(unchecked) public private(set) var duplicateFillsSent = 0
    /// Execution reports published (acks, rejects, cancels, expiries).
    @exclusivity(unchecked) public private(set) var reportsSent = 0
    /// Rejects, indexed by ``ExecutionReport/RejectReason`` raw value (see ``rejects(_:)``).
    @exclusivity(unchecked) public private(set) var rejectsByReason: [Int]

    /// - Parameter adapters: one per entry of `parameters.venues` (their latencies and names still
    ///   apply); nil runs a ``SimulatedVenue`` for each.
    public init(context: Context, parameters: Parameters, instruments: [Instrument], adapters: [any BrokerAdapter]? = nil) {
        precondition(parameters.venues.count <= Int(UInt8.max) + 1, "orders address at most 256 venues")
        precondition(adapters.map { $0.count == parameters.venues.count } ?? true, "one adapter per venue")
        self.context = context
        self.parameters = parameters
        venues = adapters ?? parameters.venues.indices.map { index in
            SimulatedVenue(index: UInt8(index), profile: parameters.venues[index], instruments: instruments,
                           staleAfterNanoseconds: parameters.staleAfterNanoseconds,
                           marketTimeToLiveNanoseconds: parameters.marketTimeToLiveNanoseconds,
                           limitTimeToLiveNanoseconds: parameters.limitTimeToLiveNanoseconds)
        }
        lastPublicationTimes = Array(repeating: 0, count: parameters.venues.count)
        // Always one draw, whatever the probability, so the knob never shifts the latency draws.
        duplicateRandom = RandomStream(seed: context.random.next())
        let maximumReason = ExecutionReport.RejectReason.allCases.map { Int($0.rawValue) }.max() ?? 0
        rejectsByReason = Array(repeating: 0, count: maximumReason + 1)
        fillsTopic = context.topic(Topics.fills, publishedAs: .broker)
        reportsTopic = context.topic(Topics.executionReports, publishedAs: .broker)
    }

    /// Rejects sent for `reason`.
    public func rejects(_ reason: ExecutionReport.RejectReason) -> Int { rejectsByReason[Int(reason.rawValue)] }

    public func start() {
        context.subscribe(as: .broker)
    }

    public func stop() {
        context.logger.debug("broker", metadata: ["orders": "\(ordersReceived)", "fills": "\(fillsSent)",
                                                  "reports": "\(reportsSent)", "rejects": "\(rejectsByReason)"])
    }

    /// - Complexity: O(venues) per quote or trade when we have no working order on its symbol.
    public func receive(_ delivery: Delivery) {
        switch delivery.message {
        case .quote(let quote):
            for venue in venues.indices {
                venues[venue].onQuote(quote, at: context.now, into: &events)
                publishEvents(of: venue)
            }
        case .trade(let trade):
            for venue in venues.indices {
                venues[venue].onTrade(trade, at: context.now, into: &events)
                publishEvents(of: venue)
            }
        case .order(let order):
            send(order)
        case .timer(let timer):
            if timer.tag & Self.expiryTagFlag != 0 {
                let venue = Int(timer.tag & ~Self.expiryTagFlag)
                venues[venue].onTime(context.now, into: &events)
                publishEvents(of: venue)
            } else {
                arrive(slot: Int(timer.tag))
            }
        default:
            break
        }
    }

    /// Order entry: immediate rejects, else on the wire for one order-latency draw.
    private func send(_ order: Order) {
        ordersReceived += 1
        guard Int(order.venue) < venues.count else { return rejectAtEntry(order, .unknownVenue) }
        guard seenOrderIDs.insert(order.orderID) else { return rejectAtEntry(order, .duplicateOrder) }
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            inFlight[slot] = order
        } else {
            slot = inFlight.count
            inFlight.append(order)
        }
        let latency = parameters.venues[Int(order.venue)].orderLatency.sample(&context.random)
        context.schedule(after: latency, tag: UInt64(slot))
    }

    /// An order reaches its venue; if it stays open there, a timer checks its expiry.
    private func arrive(slot: Int) {
        guard slot < inFlight.count, let order = inFlight[slot] else { return }
        inFlight[slot] = nil
        freeSlots.append(slot)
        let venue = Int(order.venue)
        venues[venue].submit(order, at: context.now, into: &events)
        if venues[venue].leavesQuantity(orderID: order.orderID) != nil {
            let timeToLive = order.type == .market ? parameters.marketTimeToLiveNanoseconds : parameters.limitTimeToLiveNanoseconds
            context.schedule(after: timeToLive, tag: Self.expiryTagFlag | UInt64(venue))
        }
        publishEvents(of: venue)
    }

    private func rejectAtEntry(_ order: Order, _ reason: ExecutionReport.RejectReason) {
        let report = ExecutionReport(orderID: order.orderID, symbol: order.symbol, kind: .rejected, reason: reason,
                                     leavesQuantity: max(0, order.quantity), venue: order.venue, traceID: order.traceID)
        publish(report, delay: 0)
    }

    /// Publishes the venue's events in order after one ack-latency draw, no earlier than its last
    /// publication. Fills get run-unique ids from this broker's id generator.
    private func publishEvents(of venue: Int) {
        guard !events.isEmpty else { return }
        let now = context.now
        let latency = parameters.venues[venue].ackLatency.sample(&context.random)
        let publicationTime = max(now &+ latency, lastPublicationTimes[venue])
        lastPublicationTimes[venue] = publicationTime
        let delay = publicationTime - now
        for event in events {
            switch event {
            case .fill(var fill):
                fill.fillID = context.ids.next()
                fillsSent += 1
                context.logger.debug("fill", metadata: ["order": "\(fill.orderID)", "side": "\(fill.side)",
                                                        "quantity": "\(fill.quantity)", "price": "\(fill.price)",
                                                        "fee": "\(fill.feeMinorUnits)", "final": "\(fill.isFinal)"])
                context.publish(fillsTopic, .fill(fill), after: delay)
                if parameters.duplicateReportProbability > 0 && duplicateRandom.nextBernoulli(parameters.duplicateReportProbability) {
                    duplicateFillsSent += 1
                    context.publish(fillsTopic, .fill(fill), after: delay)
                }
            case .report(let report):
                publish(report, delay: delay)
            }
        }
        events.removeAll(keepingCapacity: true)
    }

    private func publish(_ report: ExecutionReport, delay: DurationNanoseconds) {
        reportsSent += 1
        if report.kind == .rejected {
            rejectsByReason[Int(report.reason.rawValue)] += 1
            context.logger.info("reject", metadata: ["order": "\(report.orderID)", "reason": "\(report.reason)",
                                                     "venue": "\(report.venue)"])
        } else {
            context.logger.debug("report", metadata: ["order": "\(report.orderID)", "kind": "\(report.kind)",
                                                      "leaves": "\(report.leavesQuantity)"])
        }
        context.publish(reportsTopic, .report(report), after: delay)
    }
}
