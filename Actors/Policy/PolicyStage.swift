import Foundation
import Kernel
import Messages

/// A pipeline stage whose decisions come from a policy (docs/python.md): every decision interval
/// it builds an observation from the pipeline's state, asks its ``PolicyDecider`` for an action
/// (a direction, a size, a stop and a take-profit), journals the action with the reward of the
/// interval that ended, and turns it into an ``Intent`` for the gate — in place of the sizer.
/// Between decisions it watches the quotes and flattens the position when the stop or the
/// take-profit set at the last decision is crossed.
public actor PolicyStage: Component {
    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    let parameters: Parameters
    let instrument: Instrument
    @exclusivity(unchecked) var decider: any PolicyDecider
    /// The decider's ``PackageMessageReceiver/receivedMessageTypes``, read once at start.
    @exclusivity(unchecked) var deciderMessageTypes: [UInt16] = []
    let runEnd: Timestamp?
    let actionsTopic: TopicID
    let intentsTopic: TopicID
    @exclusivity(unchecked) var features: PolicyFeatures
    @exclusivity(unchecked) var book: PolicyBook
    @exclusivity(unchecked) var exits = PolicyExits()
    @exclusivity(unchecked) var openOrders: OpenOrders
    @exclusivity(unchecked) var timerArmed = false
    @exclusivity(unchecked) var quotedSinceDecision = false
    @exclusivity(unchecked) public internal(set) var step = 0
    @exclusivity(unchecked) public internal(set) var intentsSent = 0
    @exclusivity(unchecked) public internal(set) var stopsHit = 0
    @exclusivity(unchecked) public internal(set) var takeProfitsHit = 0
    /// The sum of the rewards handed to the decider so far.
    @exclusivity(unchecked) public internal(set) var totalReward = 0.0
    /// The same sum, term by term.
    @exclusivity(unchecked) public internal(set) var rewardTerms = PolicyRewardTerms()

    public init(context: Context, parameters: Parameters, instruments: [Instrument], initialCashMinorUnits: Int64,
                decider: any PolicyDecider, runEnd: Timestamp?) {
        precondition(Int(parameters.symbol) < instruments.count, "the policy's symbol is in the universe")
        self.context = context
        self.parameters = parameters
        instrument = instruments[Int(parameters.symbol)]
        self.decider = decider
        self.runEnd = runEnd
        features = PolicyFeatures(window: parameters.returnWindow, volatilityHalfLife: parameters.volatilityHalfLife)
        book = PolicyBook(initialCashMinorUnits: initialCashMinorUnits)
        openOrders = OpenOrders(symbolCount: instruments.count)
        actionsTopic = context.topic(Topics.policyActions, publishedAs: .policy)
        intentsTopic = context.topic(Topics.intents, publishedAs: .policy)
    }

    public func start() {
        deciderMessageTypes = decider.receivedMessageTypes
        let receives = !deciderMessageTypes.isEmpty
        context.subscribe(as: .policy) { $0 == .receivesPackageMessages && receives }
        book.startTime = context.now
        armDecision()
    }

    public func receive(_ delivery: Delivery) {
        switch delivery.message {
        case .quote(let quote) where quote.symbol == parameters.symbol:
            guard quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return }
            book.mark(quote)
            quotedSinceDecision = true
            if let exit = exits.crossed(mid: Double(quote.midPrice)) { flatten(because: exit) }
            armDecision()
        case .forecast(let forecast) where forecast.symbol == parameters.symbol:
            book.forecastScore = forecast.sigma > 0 && forecast.mu.isFinite ? forecast.mu / forecast.sigma : 0
        case .position(let update):
            book.cashMinorUnits = update.cashMinorUnits
            if update.symbol == parameters.symbol {
                book.position = update.position
                if update.position != 0 { book.heldDuringInterval = true }
            }
        case .fill(let fill):
            book.feesSinceDecisionMinorUnits += fill.feeMinorUnits
            absorb(delivery.message)
        case .gate(let decision):
            // Re-base on what the gate let through, as the sizer does.
            guard decision.outcome != .approved, decision.symbol == parameters.symbol else { return }
            book.target -= decision.requestedQuantity - decision.approvedQuantity
        case .order, .report:
            absorb(delivery.message)
        case .timer:
            timerArmed = false
            if quotedSinceDecision { decide() }
            // A run with an end keeps the grid to its end; one without (live) waits for a quote.
            if let runEnd, nextDecisionTime() <= runEnd { armDecision() }
        case .package(let message):
            if deciderMessageTypes.contains(message.typeID) { decider.receive(message, at: delivery.time) }
        default:
            break
        }
    }

    public func stop() {
        guard book.lastMid > 0 else { return }
        let reward = closeInterval()
        let equity = fillFeatures()
        features.values.withUnsafeBufferPointer { buffer in
            decider.finish(PolicyObservation(step: step, time: context.now, reward: reward, equityMinorUnits: equity, features: buffer))
        }
    }

    /// Lots that will never fill come off the target, so they can be asked for again.
    private func absorb(_ message: Message) {
        if let (symbol, abandoned) = openOrders.absorb(message), symbol == parameters.symbol { book.target -= abandoned }
    }

    /// Decisions fall on a grid from the run's start, one interval apart: the same instants in
    /// every run of a scenario whatever its data's timing. An interval without a quote of the
    /// symbol (a night, a weekend) has no decision.
    func armDecision() {
        guard !timerArmed else { return }
        timerArmed = true
        _ = context.schedule(at: nextDecisionTime())
    }

    /// The first grid point after now.
    private func nextDecisionTime() -> Timestamp {
        let interval = parameters.decisionIntervalNanoseconds
        return book.startTime + ((context.now - book.startTime) / interval + 1) * interval
    }
}
