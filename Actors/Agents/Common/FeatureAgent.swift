import Kernel
import Messages

/// An agent that reads alternative data through a ``FeatureModel`` and emits a `Signal` per
/// symbol whenever the feature changes:
/// - μ = the online regression of realized horizon returns on the feature, applied to the
///   current feature (0 until it has learned anything);
/// - σ = the root of the EWMA of its own forecast residuals (``ForecastTracker``);
/// - confidence = |μ| / (|μ| + σ).
/// It skips gracefully on missing data: no mid yet, or no feature yet, means no signal.
public actor FeatureAgent<Model: FeatureModel>: Component {
    public typealias Parameters = FeatureAgentParameters

    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    private let parameters: Parameters
    @exclusivity(unchecked) private var model: Model
    /// The model as it started, for a restart that loses what was learned (chaos: agent_crash).
    private let initialModel: Model
    @exclusivity(unchecked) private var trackers: [ForecastTracker]
    @exclusivity(unchecked) private var logMids: [Double?]
    @exclusivity(unchecked) public private(set) var signalsEmitted = 0
    /// Messages of the package's own types the model sent (``FeatureModel/sendsPackageMessages``).
    @exclusivity(unchecked) public private(set) var packageMessagesSent = 0
    /// Per symbol: the last signal's μ was non-zero (nil before the first signal).
    @exclusivity(unchecked) private var speaking: [Bool?]
    /// μ turning 0 or non-zero, kept until the run's history takes them (``removeSilenceChanges(before:)``).
    @exclusivity(unchecked) private var silenceChanges: [SilenceChange] = []
    private let signalsTopic: TopicID
    /// Where the model's own messages go, if it sends any (``FeatureModel/sendsPackageMessages``).
    private let packageTopic: TopicID?

    public init(context: Context, model: Model, parameters: Parameters, symbolCount: Int) {
        self.context = context
        self.model = model
        initialModel = model
        self.parameters = parameters
        trackers = Array(repeating: ForecastTracker(horizonNanoseconds: parameters.horizonNanoseconds, priorSigma: parameters.priorSigma),
                         count: symbolCount)
        logMids = Array(repeating: nil, count: symbolCount)
        speaking = Array(repeating: nil, count: symbolCount)
        silenceChanges.reserveCapacity(2 * symbolCount)
        signalsTopic = context.topic(Topics.signals, publishedAs: .agents)
        packageTopic = Model.sendsPackageMessages ? context.topic(Topics.packageMessages, publishedAs: .agents) : nil
    }

    public func start() {
        context.subscribe(as: .agents) { $0 == .featureAgent }
    }

    /// A crash and restart: everything learned — the model's state, the regressions, the last
    /// mids — is lost; the agent starts over as at the beginning of the run.
    public func restartLosingState() {
        model = initialModel
        for index in trackers.indices {
            trackers[index] = ForecastTracker(horizonNanoseconds: parameters.horizonNanoseconds, priorSigma: parameters.priorSigma)
            logMids[index] = nil
        }
    }

    /// Hit rate of the scored forecasts (sign of μ vs realized return), over all symbols.
    public var hitRate: Double? {
        let (hits, scored) = trackers.reduce((0, 0)) { ($0.0 + $1.hits, $0.1 + $1.scored) }
        return scored > 0 ? Double(hits) / Double(scored) : nil
    }

    /// Spawn with ``FeatureModel/featureAgentReceiver`` so that the kernel calls this specialized
    /// for the model.
    public func receive(_ delivery: Delivery) {
        switch delivery.message {
        case .quote(let quote):
            let index = Int(quote.symbol)
            guard index < logMids.count, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return }
            let logMid = context.logMid(of: quote)
            logMids[index] = logMid
            if trackers[index].hasDueForecast(at: delivery.time) { trackers[index].observe(time: delivery.time, logMid: logMid) }
            if let changed = model.absorb(quote: quote, logMid: logMid, time: delivery.time) { emitChanged(changed, time: delivery.time, trace: context.traceID) }
        case .trade(let trade):
            if let changed = model.absorb(trade: trade, time: delivery.time) { emitChanged(changed, time: delivery.time, trace: context.traceID) }
        case .alt(let datum):
            guard let changed = model.absorb(datum) else { return }
            emitChanged(changed, time: delivery.time, trace: context.traceID)
        default:
            break
        }
    }

    private func emitChanged(_ changed: SymbolID, time: Timestamp, trace: UInt64) {
        if changed == AltDatum.marketWide {
            for index in logMids.indices { emit(symbol: index, time: time, trace: trace) }
        } else if Int(changed) < logMids.count {
            emit(symbol: Int(changed), time: time, trace: trace)
        }
    }

    /// Hands the changes of μ between 0 and non-zero made before `cutoff` to the run's history
    /// (the report's PnL attribution gives an agent nothing while its μ is 0).
    public func removeSilenceChanges(before cutoff: Timestamp) -> [SilenceChange] {
        silenceChanges.removeRecords(before: cutoff)
    }

    /// Information coefficient: correlation of μ with the realized return, over scored forecasts.
    public var informationCoefficient: Double? {
        var total = ForecastTracker.Moments()
        for tracker in trackers { total.merge(tracker.moments) }
        return total.correlation
    }

    private func emit(symbol index: Int, time: Timestamp, trace: UInt64) {
        guard let logMid = logMids[index], let feature = model.feature(of: index), feature.isFinite else { return }
        if let packageTopic {
            model.sendMessages(about: index, traceID: trace) { message in
                packageMessagesSent += 1
                context.publish(packageTopic, .package(message))
            }
        }
        let tracker = trackers[index]
        let mu = tracker.regression.observations >= 10 ? tracker.regression.predict(feature) : 0
        let sigma = tracker.sigma
        trackers[index].record(time: time, feature: feature, mu: mu, logMid: logMid)
        if speaking[index] != (mu != 0) {
            speaking[index] = mu != 0
            silenceChanges.append(SilenceChange(time: time, symbol: SymbolID(index), agentID: parameters.agentID, speaking: mu != 0))
        }
        let signal = Signal(symbol: SymbolID(index), mu: mu, sigma: sigma, horizonNanoseconds: parameters.horizonNanoseconds,
                            confidence: abs(mu) / (abs(mu) + sigma + 1e-12), regime: model.regime, agentID: parameters.agentID,
                            modelVersion: Model.modelVersion, traceID: trace)
        signalsEmitted += 1
        if context.journalsAnnotations {
            // The values behind the signal go to the journal just before it, under its trace id.
            model.forEachIndicator(of: index) { kind, value in
                context.journal(.indicator(IndicatorValue(symbol: SymbolID(index), kind: kind, value: value, traceID: trace)))
            }
            model.forEachCustomValue(of: index) { valueID, value in
                context.journal(.custom(CustomValue(symbol: SymbolID(index), valueID: valueID, value: value, traceID: trace)))
            }
        }
        context.publish(signalsTopic, .signal(signal))
    }
}
