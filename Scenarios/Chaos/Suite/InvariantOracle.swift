import Actors
import Kernel
import Messages
import ScenarioDefinition

/// Checks a chaos run's invariants from the outside (docs/chaos.md). It keeps its own books —
/// positions and cash from the fills the portfolio is handed, orders and their states from the
/// decision log, marks from the admitted quotes — and never reads a component's state.
public final class InvariantOracle: InputObserver, DeliveryObserver {
    public enum Invariant: String, Sendable, CaseIterable, Codable {
        case positionsMatchFills = "positions_match_fills"
        case cashConserved = "cash_conserved"
        case noOverfill = "no_overfill"
        case ordersReachTerminalState = "orders_reach_terminal_state"
        case noNaNInOrders = "no_nan_in_orders"
        case timeNeverGoesBackwards = "time_never_goes_backwards"
        case queuesBounded = "queues_bounded"
        case riskLimitsHeld = "risk_limits_held"
        case killSwitchEngagesOnDrawdown = "kill_switch_engages_on_drawdown"
        case noNewRiskAfterKill = "no_new_risk_after_kill"
        case resumesAfterFaults = "resumes_after_faults"
    }

    public struct Violation: Sendable, Equatable, Codable {
        public var invariant: Invariant
        public var time: Timestamp
        public var detail: String
    }

    struct OrderState {
        var order: Order
        var emitted: Timestamp
        var filled: Int64 = 0
        var terminalAt: Timestamp?
    }

    private let instruments: [Instrument]
    private let settings: ChaosSettings
    private let limits: GateLimits?
    private let initialCash: Int64
    private let portfolio: ActorID
    private let lastTimeToLiveNanoseconds: DurationNanoseconds

    public private(set) var violations: [Violation] = []
    private var violated: Set<Invariant> = []
    private var positions: [Int64]
    private var cash: Int64
    private var appliedFillIDs: Set<UInt64> = []
    private var marks: [Int64]
    private var orders: [UInt64: OrderState] = [:]
    private var orderIDsInOrder: [UInt64] = []
    private var lastInputTime: Timestamp = 0
    private var lastDeliveryTime: Timestamp = 0
    private var deliveries: UInt64 = 0
    private var peakEquity: Int64
    private var drawdownBreachedAt: Timestamp?
    private var killEngaged = false
    private var limitScale = 1.0
    private var activeFaults = 0
    /// When the faults active now began (none active: nil): an episode still open when the run
    /// ends may be withholding the reports of the orders sent during it.
    private var faultEpisodeStart: Timestamp?
    private var lastFaultStop: Timestamp?
    private var signalsBeforeFaults = 0
    private var firstSignalAfterFaults: Timestamp?
    private var endTime: Timestamp = 0

    public init(scenario: Scenario, settings: ChaosSettings, portfolio: ActorID) {
        instruments = scenario.universe
        self.settings = settings
        limits = scenario.execution?.gate
        initialCash = scenario.account.initialCashMinorUnits
        self.portfolio = portfolio
        lastTimeToLiveNanoseconds = max(scenario.broker.limitTimeToLiveNanoseconds, scenario.broker.marketTimeToLiveNanoseconds) + 10_000_000_000
        positions = Array(repeating: 0, count: scenario.universe.count)
        marks = Array(repeating: 0, count: scenario.universe.count)
        cash = initialCash
        peakEquity = initialCash
    }

    private func fail(_ invariant: Invariant, _ time: Timestamp, _ detail: String) {
        // The first violation of each invariant is the one to reproduce; later ones are echoes.
        guard violated.insert(invariant).inserted else { return }
        violations.append(Violation(invariant: invariant, time: time, detail: detail))
    }

    private var equity: Int64 {
        var total = cash
        for index in positions.indices where positions[index] != 0 && marks[index] > 0 {
            total += instruments[index].saturatedNotionalMinorUnits(quantity: positions[index], price: marks[index])
        }
        return total
    }

    // MARK: Inputs

    public var readsEventDigest: Bool { false }

    public func kernel(_ kernel: Kernel, admitted input: AdmittedInput) {
        if input.time < lastInputTime { fail(.timeNeverGoesBackwards, input.time, "input #\(input.sequence) admitted at \(input.time) after one at \(lastInputTime)") }
        lastInputTime = input.time
        switch input.message {
        case .quote(let quote):
            // Plausible quotes only: the oracle marks like a careful human, not like the feed guard.
            guard Int(quote.symbol) < marks.count, quote.bidPrice > 0, quote.askPrice > quote.bidPrice else { return }
            let mid = quote.midPrice
            if marks[Int(quote.symbol)] > 0 && abs(Double(mid - marks[Int(quote.symbol)])) > 0.2 * Double(marks[Int(quote.symbol)]) { return }
            marks[Int(quote.symbol)] = mid
            watchDrawdown(input.time)
        case .fault(let event):
            guard let kind = FaultKind(rawValue: event.kind) else { return }
            switch event.phase {
            case .start:
                if activeFaults == 0 { faultEpisodeStart = input.time }
                activeFaults += 1
                if kind == .gateLimitReload { limitScale = event.magnitude }
            case .stop:
                activeFaults -= 1
                if activeFaults == 0 { faultEpisodeStart = nil }
                lastFaultStop = input.time
                firstSignalAfterFaults = nil
                if kind == .gateLimitReload { limitScale = 1 }
                if kind == .gateKillSwitch {
                    // The operator's reset: risk may be taken again, the peak restarts.
                    killEngaged = false
                    drawdownBreachedAt = nil
                    peakEquity = equity
                }
            }
        default:
            break
        }
    }

    private func watchDrawdown(_ time: Timestamp) {
        guard let limits, !killEngaged else { return }
        let current = equity
        if current > peakEquity { peakEquity = current }
        let drawdown = peakEquity > 0 ? Double(peakEquity - current) / Double(peakEquity) : 0
        // A margin over the limit and a grace period: the gate marks on its own schedule.
        if drawdown > limits.maximumDrawdown + 0.01 {
            if drawdownBreachedAt == nil { drawdownBreachedAt = time }
            if let since = drawdownBreachedAt, time - since > 120_000_000_000 {
                fail(.killSwitchEngagesOnDrawdown, time, String(format: "drawdown %.2f%% over the %.2f%% limit for 2 minutes without a kill switch",
                                                                drawdown * 100, limits.maximumDrawdown * 100))
            }
        } else {
            drawdownBreachedAt = nil
        }
    }

    // MARK: Deliveries

    public func kernel(_ kernel: Kernel, delivering event: ScheduledEvent, index: UInt64) {
        let time = event.key.time
        if time < lastDeliveryTime { fail(.timeNeverGoesBackwards, time, "event #\(index) delivered at \(time) after one at \(lastDeliveryTime)") }
        lastDeliveryTime = time
        endTime = time
        deliveries &+= 1
        if deliveries & 4_095 == 0, kernel.pendingEvents > settings.maximumPendingEvents {
            fail(.queuesBounded, time, "\(kernel.pendingEvents) events pending, over the bound of \(settings.maximumPendingEvents)")
        }
        switch event.message {
        case .fill(let fill) where event.target == portfolio:
            applyFill(fill, time: time)
        case .signal:
            if lastFaultStop == nil { signalsBeforeFaults += 1 } else if activeFaults == 0, firstSignalAfterFaults == nil { firstSignalAfterFaults = time }
        default:
            break
        }
    }

    private func applyFill(_ fill: Fill, time: Timestamp) {
        guard fill.fillID == 0 || appliedFillIDs.insert(fill.fillID).inserted, Int(fill.symbol) < positions.count else { return }
        positions[Int(fill.symbol)] += fill.side.sign * fill.quantity
        cash -= fill.side.sign * instruments[Int(fill.symbol)].saturatedNotionalMinorUnits(quantity: fill.quantity, price: fill.price) + fill.feeMinorUnits
        if var state = orders[fill.orderID] {
            state.filled += fill.quantity
            if state.filled > state.order.quantity {
                fail(.noOverfill, time, "order \(fill.orderID) filled \(state.filled) of \(state.order.quantity)")
            }
            if fill.isFinal || state.filled >= state.order.quantity { state.terminalAt = state.terminalAt ?? time }
            orders[fill.orderID] = state
        }
    }

    // MARK: Decisions

    public func kernel(_ kernel: Kernel, emitted decision: RecordedDecision) {
        let time = decision.time
        switch decision.message {
        case .position(let update):
            guard Int(update.symbol) < positions.count else { return }
            if update.position != positions[Int(update.symbol)] {
                fail(.positionsMatchFills, time, "symbol \(update.symbol): the portfolio holds \(update.position), its accepted fills sum to \(positions[Int(update.symbol)])")
            }
            if update.cashMinorUnits != cash {
                fail(.cashConserved, time, "the portfolio's cash is \(update.cashMinorUnits), the fills it accepted leave \(cash)")
            }
        case .intent(let intent):
            if ![intent.kellyWeight, intent.cappedWeight, intent.drawdownScale, intent.cvarScale].allSatisfy(\.isFinite) {
                fail(.noNaNInOrders, time, "intent for symbol \(intent.symbol) (trace \(intent.traceID)) carries a non-finite weight")
            }
        case .order(let order):
            checkOrder(order, time: time)
        case .report(let report):
            guard var state = orders[report.orderID] else { return }
            if report.kind != .acknowledged { state.terminalAt = state.terminalAt ?? time }
            orders[report.orderID] = state
        case .gate(let gate) where gate.symbol == GateDecision.allSymbols && gate.reasons.contains(.killSwitch):
            killEngaged = true
        default:
            break
        }
    }

    private func checkOrder(_ order: Order, time: Timestamp) {
        if order.quantity <= 0 || order.limitPrice < 0 {
            fail(.noNaNInOrders, time, "order \(order.orderID) has quantity \(order.quantity), price \(order.limitPrice)")
        }
        let index = Int(order.symbol)
        guard index < positions.count else { return }
        // Committed position: held plus what open orders may still add.
        var committed = positions
        for id in orderIDsInOrder {
            guard let state = orders[id], state.terminalAt == nil else { continue }
            committed[Int(state.order.symbol)] += state.order.side.sign * max(0, state.order.quantity - state.filled)
        }
        let before = committed[index]
        let after = before + order.side.sign * order.quantity
        let addsRisk = abs(after) > abs(before)
        orders[order.orderID] = OrderState(order: order, emitted: time)
        orderIDsInOrder.append(order.orderID)
        guard addsRisk, let limits else { return }
        if killEngaged {
            fail(.noNewRiskAfterKill, time, "order \(order.orderID) takes symbol \(order.symbol) from \(before) to \(after) while the kill switch is engaged")
        }
        let lot = instruments[index].lotSize
        if abs(after) > (limits.maximumPositionLots + 1) * lot {
            fail(.riskLimitsHeld, time, "order \(order.orderID) takes symbol \(order.symbol) to \(after), over \(limits.maximumPositionLots) lots")
        }
        committed[index] = after
        let currentEquity = equity
        guard currentEquity > 0 else { return }
        var gross: Int64 = 0
        for symbol in committed.indices where committed[symbol] != 0 && marks[symbol] > 0 {
            gross += abs(instruments[symbol].saturatedNotionalMinorUnits(quantity: committed[symbol], price: marks[symbol]))
        }
        // Generous: the gate projects at its own prices and sizes by lots.
        let allowed = limits.maximumGross * limitScale * Double(currentEquity) * 1.25
            + Double(2 * instruments[index].saturatedNotionalMinorUnits(quantity: lot, price: max(marks[index], 1)))
        if Double(gross) > allowed {
            fail(.riskLimitsHeld, time, "order \(order.orderID) brings gross exposure to \(gross) minor units, over \(Int64(allowed)) allowed")
        }
    }

    /// End-of-run checks: every order terminal (or young enough to be still working, or sent
    /// during faults still active when the run ends: a dropped session may be holding its
    /// reports, and nothing says when it comes back), and liveness after the last fault.
    public func finish(endTime runEnd: Timestamp) {
        let end = max(runEnd, endTime)
        let unresolvedSince = faultEpisodeStart ?? .max
        for id in orderIDsInOrder {
            guard let state = orders[id], state.terminalAt == nil, end - state.emitted > lastTimeToLiveNanoseconds,
                  state.emitted < unresolvedSince else { continue }
            fail(.ordersReachTerminalState, state.emitted, "order \(id) (symbol \(state.order.symbol), \(state.order.quantity)) never reached a terminal state")
            break
        }
        guard let stop = lastFaultStop, end >= stop + settings.livenessNanoseconds else { return }
        if signalsBeforeFaults > 0 && (firstSignalAfterFaults.map { $0 > stop + settings.livenessNanoseconds } ?? true) {
            fail(.resumesAfterFaults, stop, "no signal within \(settings.livenessNanoseconds / 1_000_000_000) s after the last fault ended")
        }
        for id in orderIDsInOrder {
            guard let state = orders[id], state.emitted <= stop else { continue }
            if (state.terminalAt ?? .max) > stop + settings.livenessNanoseconds + lastTimeToLiveNanoseconds {
                fail(.resumesAfterFaults, stop, "order \(id), sent before the faults ended, was not reconciled within the bound")
                break
            }
        }
    }
}
