#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages

/// The Technical agent's first model: an exponential-moving-average crossover on the mid price.
///
/// Per symbol it tracks a fast and a slow EMA of the mid and an EWMA of squared one-tick log
/// returns. It emits a ``Signal`` on every quote once warmed up:
/// - μ = (fast − slow) / slow: the trend's strength as an expected return over the horizon;
/// - σ = √(EWMA variance × ticks per horizon): the return uncertainty over the same horizon;
/// - confidence = |μ| / (|μ| + σ), in [0, 1).
/// Before `slowPeriod` quotes of a symbol it stays silent (no signal from too little data).
public actor EMACrossAgent: Component {
    public struct Parameters: Sendable, Equatable {
        public var fastPeriod: Int
        public var slowPeriod: Int
        /// The horizon μ and σ refer to, in ticks of this symbol.
        public var horizonTicks: Int
        public var agentID: UInt16

        public init(fastPeriod: Int, slowPeriod: Int, horizonTicks: Int, agentID: UInt16) {
            self.fastPeriod = fastPeriod
            self.slowPeriod = slowPeriod
            self.horizonTicks = horizonTicks
            self.agentID = agentID
        }
    }

    public static let modelVersion: UInt16 = 1

    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    private let parameters: Parameters
    private let fastWeight: Double
    private let slowWeight: Double
    @exclusivity(unchecked) private var states: [EMACrossState]
    @exclusivity(unchecked) private var trackers: [ForecastTracker]
    private let signalsTopic: TopicID
    @exclusivity(unchecked) public private(set) var signalsEmitted = 0

    public init(context: Context, parameters: Parameters, symbolCount: Int) {
        precondition(parameters.fastPeriod >= 1 && parameters.slowPeriod > parameters.fastPeriod)
        self.context = context
        self.parameters = parameters
        fastWeight = 2.0 / Double(parameters.fastPeriod + 1)
        slowWeight = 2.0 / Double(parameters.slowPeriod + 1)
        states = Array(repeating: EMACrossState(), count: symbolCount)
        trackers = Array(repeating: ForecastTracker(horizonNanoseconds: 0, priorSigma: 0, fitsRegression: false), count: symbolCount)
        signalsTopic = context.topic(Topics.signals, publishedAs: .agents)
    }

    public func start() {
        context.subscribe(as: .agents)
    }

    public func receive(_ delivery: Delivery) {
        guard case .quote(let quote) = delivery.message else { return }
        let index = Int(quote.symbol)
        guard index < states.count, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return }
        let mid = Double(quote.bidPrice + quote.askPrice) * 0.5
        var state = states[index]
        state.absorb(mid: mid, time: delivery.time, fastWeight: fastWeight, slowWeight: slowWeight, horizonTicks: parameters.horizonTicks)
        states[index] = state
        let logMid = log(mid)  // once: the tracker observes it and records it with the forecast
        if trackers[index].hasDueForecast(at: delivery.time) { trackers[index].observe(time: delivery.time, logMid: logMid) }
        guard state.seen > parameters.slowPeriod else { return }
        let mu = (state.fast - state.slow) / state.slow
        let sigma = (state.variance * Double(parameters.horizonTicks)).squareRoot()
        let confidence = abs(mu) / (abs(mu) + sigma + 1e-12)
        let signal = Signal(
            symbol: quote.symbol, mu: mu, sigma: sigma, horizonNanoseconds: state.horizonNanoseconds,
            confidence: confidence, regime: 0, agentID: parameters.agentID,
            modelVersion: EMACrossAgent.modelVersion, traceID: context.traceID)
        signalsEmitted += 1
        // Score the forecast after its horizon (fixed at the first one), like every agent — for the
        // report only: it does not change μ.
        if trackers[index].horizonNanoseconds == 0 && state.horizonNanoseconds > 0 {
            trackers[index] = ForecastTracker(horizonNanoseconds: state.horizonNanoseconds, priorSigma: sigma, fitsRegression: false)
        }
        trackers[index].record(time: delivery.time, feature: mu, mu: mu, logMid: logMid)
        context.publish(signalsTopic, .signal(signal))
    }

    /// Share of scored forecasts on the right side of the realized return.
    public var hitRate: Double? {
        let (hits, scored) = trackers.reduce((0, 0)) { ($0.0 + $1.hits, $0.1 + $1.scored) }
        return scored > 0 ? Double(hits) / Double(scored) : nil
    }

    /// Correlation of μ with the realized return over the horizon.
    public var informationCoefficient: Double? {
        var total = ForecastTracker.Moments()
        for tracker in trackers { total.merge(tracker.moments) }
        return total.correlation
    }
}
