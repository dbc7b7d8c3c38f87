import Kernel
import Messages

/// Injects the in-run faults of the catalog (everything but the feed faults, which act before
/// admission): it follows the fault events as they are admitted (so its state is driven by the
/// journal) and intercepts deliveries — dropping, delaying, changing or duplicating them, or
/// answering for the venue. Decisions are deterministic: from the event, the kernel's time, the
/// fault state and hashes of ids; no wall clock, no unseeded randomness.
public final class ChaosInterceptor: DeliveryInterceptor, InputObserver {
    /// The components faults aim at, by role.
    public struct Roles: Sendable {
        public var agents: [ActorID]
        public var blender: ActorID?
        public var selector: ActorID?
        public var sizer: ActorID?
        public var router: ActorID?
        public var broker: ActorID
        public var portfolio: ActorID
        public var reportsTopic: TopicID
        public var fillsTopic: TopicID
        /// Lot size per symbol (a fill after cancel is one lot).
        public var lotSizes: [Int64]

        public init(agents: [ActorID], blender: ActorID?, selector: ActorID?, sizer: ActorID?, router: ActorID?, broker: ActorID,
                    portfolio: ActorID, reportsTopic: TopicID, fillsTopic: TopicID, lotSizes: [Int64]) {
            self.agents = agents
            self.blender = blender
            self.selector = selector
            self.sizer = sizer
            self.router = router
            self.broker = broker
            self.portfolio = portfolio
            self.reportsTopic = reportsTopic
            self.fillsTopic = fillsTopic
            self.lotSizes = lotSizes
        }
    }

    /// Actions on components that a delivery cannot express (set by the scenario's wiring).
    public struct Hooks {
        public var killSwitch: (Bool) -> Void = { _ in }
        /// Scale the gate's exposure limits (nil: restore).
        public var limitScale: (Double?) -> Void = { _ in }
        /// An agent restarts with its learned state lost (by agent index).
        public var restartAgent: (Int) -> Void = { _ in }

        public init() {}
    }

    struct Active {
        var target: UInt32
        var magnitude: Double
        var parameter: Int64
    }

    private let roles: Roles
    public var hooks = Hooks()
    private let salt: UInt64
    private var active: [Active?] = Array(repeating: nil, count: 128)
    /// Fault starts seen, by ``FaultKind`` raw value.
    public private(set) var fired: [UInt64] = Array(repeating: 0, count: 128)
    /// Events this interceptor scheduled itself: delivered as they are.
    private var exempt: Set<UInt64> = []
    private var lastMid: [Int64]
    private var orderSides: [UInt64: Side] = [:]
    private var filledAfterCancel: Set<UInt64> = []
    private var recentOrderTimes: [Timestamp] = []
    private var heldBySessionDrop: [(target: ActorID, source: ActorID, message: Message)] = []
    private var syntheticFillIDs: UInt64 = 0

    public init(roles: Roles, seed: UInt64) {
        self.roles = roles
        var stream = RandomStream(rootSeed: seed, streamName: "chaos.interceptor")
        salt = stream.next()
        lastMid = Array(repeating: 0, count: roles.lotSizes.count)
    }

    private func fault(_ kind: FaultKind) -> Active? { active[Int(kind.rawValue)] }

    /// A uniform draw in [0, 1) from an id: the same for every delivery of the same message.
    private func chance(_ id: UInt64, _ kind: FaultKind) -> Double {
        var value = (id ^ salt) &+ UInt64(kind.rawValue) &* 0x9E37_79B9_7F4A_7C15
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return Double(value >> 11) / Double(1 << 53)
    }

    // MARK: Fault state, from admitted fault events

    public var readsEventDigest: Bool { false }

    public func kernel(_ kernel: Kernel, admitted input: AdmittedInput) {
        guard case .fault(let event) = input.message, let kind = FaultKind(rawValue: event.kind), !kind.isFeedFault else {
            if case .fault(let event) = input.message, event.phase == .start, Int(event.kind) < fired.count { fired[Int(event.kind)] &+= 1 }
            return
        }
        let index = Int(kind.rawValue)
        switch event.phase {
        case .start:
            fired[index] &+= 1
            active[index] = Active(target: event.target, magnitude: event.magnitude, parameter: event.parameter)
            switch kind {
            case .gateKillSwitch: hooks.killSwitch(true)
            case .gateLimitReload: hooks.limitScale(event.magnitude)
            case .kernelEventBurst:
                for _ in 0..<max(0, event.parameter) {
                    exempt.insert(kernel.inject(at: input.time, source: .input, target: roles.portfolio, message: .ping(Ping(value: 0))))
                }
            default: break
            }
        case .stop:
            active[index] = nil
            switch kind {
            case .gateKillSwitch: hooks.killSwitch(false)
            case .gateLimitReload: hooks.limitScale(nil)
            case .agentCrash where Int(event.target) < roles.agents.count: hooks.restartAgent(Int(event.target))
            case .brokerSessionDrop: resend(kernel, at: input.time)
            default: break
            }
        }
    }

    /// The session is back: everything held is delivered now, and the fills among it twice (the
    /// venue resends what it cannot be sure we got).
    private func resend(_ kernel: Kernel, at time: Timestamp) {
        let held = heldBySessionDrop
        heldBySessionDrop.removeAll()
        for entry in held {
            exempt.insert(kernel.inject(at: time, source: entry.source, target: entry.target, message: entry.message))
            if case .fill = entry.message {
                exempt.insert(kernel.inject(at: time, source: entry.source, target: entry.target, message: entry.message))
            }
        }
    }

    // MARK: Deliveries

    public func intercept(_ kernel: Kernel, time: Timestamp, sequence: UInt64, source: ActorID, target: ActorID,
                          message: inout Message) -> InterceptAction {
        if !exempt.isEmpty, exempt.remove(sequence) != nil { return .deliver }
        if let crash = fault(.agentCrash), Int(crash.target) < roles.agents.count, roles.agents[Int(crash.target)] == target { return .drop }
        switch message {
        case .quote(let quote):
            if Int(quote.symbol) < lastMid.count, target == roles.broker { lastMid[Int(quote.symbol)] = quote.midPrice }
        case .signal(let signal):
            return interceptSignal(kernel, signal, time: time, source: source, target: target, message: &message)
        case .forecast(var forecast) where target == roles.selector:
            if fault(.selectorEmpty) != nil { return .drop }
            if fault(.selectorTied) != nil {
                forecast.mu = 0.001
                forecast.sigma = 0.01
                message = .forecast(forecast)
            }
        case .order(let order) where target == roles.broker:
            return interceptOrder(kernel, order, time: time, source: source, target: target, message: message)
        case .report(let report):
            return interceptReport(kernel, report, time: time, source: source, target: target, message: message)
        case .fill(let fill):
            return interceptFill(kernel, fill, time: time, source: source, target: target, message: &message)
        case .position where target == roles.sizer:
            if fault(.sizerStaleEquity) != nil { return .drop }
        default:
            break
        }
        return .deliver
    }

    /// An agent's signal: made NaN, lost or late on its way to the blender, or late everywhere.
    private func interceptSignal(_ kernel: Kernel, _ signal: Signal, time: Timestamp, source: ActorID, target: ActorID,
                                 message: inout Message) -> InterceptAction {
        var signal = signal
        let agent = roles.agents.firstIndex(of: source)
        if let nan = fault(.agentNaN), let agent, UInt32(agent) == nan.target || nan.target == FaultEvent.everything {
            signal.mu = .nan
            signal.sigma = .nan
            message = .signal(signal)
        }
        if target == roles.blender, let agent {
            if let missing = fault(.blenderMissingInput), UInt32(agent) == missing.target { return .drop }
            if let late = fault(.blenderLateInput), UInt32(agent) == late.target {
                return redeliver(kernel, at: time + UInt64(late.parameter), source: source, target: target, message: message)
            }
        }
        if let deadline = fault(.agentMissedDeadline), agent != nil {
            return redeliver(kernel, at: time + UInt64(deadline.parameter), source: source, target: target, message: message)
        }
        return .deliver
    }

    /// A venue's report: held by a session drop, lost, late or out of order; a cancel may be
    /// followed by a fill the venue made before it heard.
    private func interceptReport(_ kernel: Kernel, _ report: ExecutionReport, time: Timestamp, source: ActorID, target: ActorID,
                                 message: Message) -> InterceptAction {
        if let held = heldDuringSessionDrop(source: source, target: target, message: message) { return held }
        if report.kind == .acknowledged {
            if fault(.routerLostAck) != nil, target == roles.router { return .drop }
            if let late = fault(.brokerOutOfOrderReports) {
                return redeliver(kernel, at: time + UInt64(late.parameter), source: source, target: target, message: message)
            }
        }
        if let late = fault(.brokerDelayedAck) {
            return redeliver(kernel, at: time + UInt64(late.parameter), source: source, target: target, message: message)
        }
        if fault(.brokerFillAfterCancel) != nil, report.kind == .cancelled || report.kind == .expired,
           Int(report.symbol) < lastMid.count, report.leavesQuantity >= roles.lotSizes[Int(report.symbol)],
           filledAfterCancel.insert(report.orderID).inserted, let side = orderSides[report.orderID],
           lastMid[Int(report.symbol)] > 0 {
            syntheticFillIDs &+= 1
            let fill = Fill(orderID: report.orderID, symbol: report.symbol, side: side, quantity: roles.lotSizes[Int(report.symbol)],
                            price: lastMid[Int(report.symbol)], feeMinorUnits: 0, isFinal: true, traceID: report.traceID,
                            fillID: (1 << 62) | syntheticFillIDs, venue: report.venue)
            kernel.injectPublish(from: roles.broker, to: roles.fillsTopic, .fill(fill))
        }
        return .deliver
    }

    /// A fill: held by a session drop, cut short, withheld from the sizer, or delivered twice.
    private func interceptFill(_ kernel: Kernel, _ fill: Fill, time: Timestamp, source: ActorID, target: ActorID,
                               message: inout Message) -> InterceptAction {
        var fill = fill
        if let held = heldDuringSessionDrop(source: source, target: target, message: message) { return held }
        if let partial = fault(.brokerPartialFill), fill.quantity > 1 {
            fill.quantity = max(1, Int64((Double(fill.quantity) * partial.magnitude).rounded(.down)))
            fill.isFinal = true
            message = .fill(fill)
        }
        if target == roles.sizer, fault(.sizerStaleEquity) != nil { return .drop }
        if let duplicate = fault(.brokerDuplicateReport), chance(fill.fillID, .brokerDuplicateReport) < duplicate.magnitude {
            exempt.insert(kernel.inject(at: time, source: source, target: target, message: message))
        }
        return .deliver
    }

    private func heldDuringSessionDrop(source: ActorID, target: ActorID, message: Message) -> InterceptAction? {
        guard fault(.brokerSessionDrop) != nil else { return nil }
        heldBySessionDrop.append((target, source, message))
        return .drop
    }

    private func redeliver(_ kernel: Kernel, at time: Timestamp, source: ActorID, target: ActorID, message: Message) -> InterceptAction {
        exempt.insert(kernel.inject(at: time, source: source, target: target, message: message))
        return .drop
    }

    private func interceptOrder(_ kernel: Kernel, _ order: Order, time: Timestamp, source: ActorID, target: ActorID, message: Message) -> InterceptAction {
        orderSides[order.orderID] = order.side
        if let down = fault(.routerVenueDown), UInt32(order.venue) == down.target || down.target == FaultEvent.everything {
            return rejectForVenue(kernel, order, .venueDown)
        }
        if let limit = fault(.routerRateLimit) {
            recentOrderTimes.removeAll { time - $0 >= 1_000_000_000 }
            if recentOrderTimes.count >= Int(max(1, limit.parameter)) { return rejectForVenue(kernel, order, .rateLimited) }
            recentOrderTimes.append(time)
        }
        if let reject = fault(.brokerReject), chance(order.orderID, .brokerReject) < reject.magnitude {
            return rejectForVenue(kernel, order, .venueReject)
        }
        if fault(.routerDuplicateSubmit) != nil {
            exempt.insert(kernel.inject(at: time, source: source, target: target, message: message))
        }
        return .deliver
    }

    /// The venue answers in the broker's name: a reject report on the reports topic.
    private func rejectForVenue(_ kernel: Kernel, _ order: Order, _ reason: ExecutionReport.RejectReason) -> InterceptAction {
        let report = ExecutionReport(orderID: order.orderID, symbol: order.symbol, kind: .rejected, reason: reason,
                                     leavesQuantity: max(0, order.quantity), venue: order.venue, traceID: order.traceID)
        kernel.injectPublish(from: roles.broker, to: roles.reportsTopic, .report(report))
        return .drop
    }
}
