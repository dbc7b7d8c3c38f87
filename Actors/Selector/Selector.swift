import Kernel
import Messages

/// Chooses a diversified slate of K opportunities from the blender's forecasts, every interval.
///
/// Candidates are the symbols with a forecast younger than `maximumForecastAge`; a candidate's
/// score is |μ| / σ and its direction the sign of μ. Picks are greedy (``DiversifiedSelection``):
/// score − λ × the largest *directional* correlation with the picks so far (corr × sign × sign:
/// a long and a short in two correlated stocks hedge each other, they are not a concentration).
/// Correlations are over the last `correlationWindow` sampled returns (one sample per interval).
/// With probability ε a pick is instead drawn uniformly from the remaining candidates; every
/// pick logs its propensity: (1 − ε) + ε / n when it is the greedy choice, ε / n otherwise.
///
/// It also measures what diversification buys: the average pairwise correlation of all
/// candidates, of plain top-K by score, and of the slate.
public actor Selector: Component {
    public struct Parameters: Sendable, Equatable {
        public var count: Int
        public var penaltyWeight: Double
        public var correlationWindow: Int
        public var intervalNanoseconds: DurationNanoseconds
        public var exploration: Double
        public var maximumForecastAgeNanoseconds: DurationNanoseconds

        public init(count: Int = 3, penaltyWeight: Double = 0.5, correlationWindow: Int = 252,
                    intervalNanoseconds: DurationNanoseconds = 60_000_000_000, exploration: Double = 0.03,
                    maximumForecastAgeNanoseconds: DurationNanoseconds = 1_800_000_000_000) {
            self.count = count
            self.penaltyWeight = penaltyWeight
            self.correlationWindow = correlationWindow
            self.intervalNanoseconds = intervalNanoseconds
            self.exploration = exploration
            self.maximumForecastAgeNanoseconds = maximumForecastAgeNanoseconds
        }
    }

    /// Slates published, and running averages of pairwise correlations, for the report.
    public struct Diversification: Sendable, Equatable {
        /// Every slate published, single-pick slates included.
        public var slates = 0
        /// Slates the averages are over: two picks or more (a pair to correlate) once the
        /// correlation window holds three returns.
        public var measuredSlates = 0
        public var allCandidates = 0.0
        public var plainTopK = 0.0
        public var selected = 0.0

        public var averagePairCorrelation: Double { measuredSlates > 0 ? allCandidates / Double(measuredSlates) : 0 }
        public var topKAveragePairCorrelation: Double { measuredSlates > 0 ? plainTopK / Double(measuredSlates) : 0 }
        public var selectedAveragePairCorrelation: Double { measuredSlates > 0 ? selected / Double(measuredSlates) : 0 }
        /// 1 − selected / plain top-K: the share of top-K's correlation the penalty removed. Above 1
        /// when the slate's correlation went below zero; negative when the slate's is higher than
        /// top-K's (an increase). Nil unless top-K's average is positive.
        public var correlationReduction: Double? {
            let topK = topKAveragePairCorrelation
            return topK > 0 ? 1 - selectedAveragePairCorrelation / topK : nil
        }
    }

    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    private let parameters: Parameters
    private let selection: DiversifiedSelection
    @exclusivity(unchecked) private var correlations: RollingCorrelation
    @exclusivity(unchecked) private var logMids: [Double?]
    @exclusivity(unchecked) private var sampledLogMids: [Double?]
    @exclusivity(unchecked) private var forecasts: [(mu: Double, sigma: Double, time: Timestamp, shares: AgentShares)?]
    /// The agents behind each pick (its forecast's shares; the trace id is the slate's), for the
    /// report's PnL attribution when the simple trader holds the slate.
    /// Kept until the run's history takes them (``removeDecisionShares(before:)``).
    @exclusivity(unchecked) public private(set) var decisionShares: [DecisionShares] = []
    @exclusivity(unchecked) public private(set) var diversification = Diversification()
    @exclusivity(unchecked) public private(set) var explorations = 0
    /// Each slate scored one interval later against what the candidates then did (regret, top-K hit rate).
    @exclusivity(unchecked) public private(set) var hindsight = SlateHindsight()
    /// Every slate, when kept (``recordDecisions()``); nil otherwise.
    @exclusivity(unchecked) public private(set) var decisions: [SlateDecision]?
    /// The kept slate made at the last interval, scored at this one (one interval exactly).
    @exclusivity(unchecked) private var unscoredDecision: Int?
    private let slateTopic: TopicID
    /// Every instrument's sessions, when every instrument has them (else nil: some market is
    /// always open): while all are closed — a weekend, a holiday — the interval passes without a slate.
    private let sessions: [TradingSessions]?

    /// - Parameter sessions: each symbol's sessions (``Instrument/sessions``); empty or any nil:
    ///   a slate every interval.
    public init(context: Context, parameters: Parameters, symbolCount: Int, sessions: [TradingSessions?] = []) {
        precondition(parameters.count >= 1 && parameters.count <= 255)
        self.context = context
        self.parameters = parameters
        selection = DiversifiedSelection(count: parameters.count, penaltyWeight: parameters.penaltyWeight)
        correlations = RollingCorrelation(symbolCount: symbolCount, window: max(parameters.correlationWindow, 2))
        logMids = Array(repeating: nil, count: symbolCount)
        sampledLogMids = Array(repeating: nil, count: symbolCount)
        forecasts = Array(repeating: nil, count: symbolCount)
        slateTopic = context.topic(Topics.slates, publishedAs: .selector)
        decisionShares.reserveCapacity(DecisionShares.reservedCount)
        let known = sessions.compactMap { $0 }
        self.sessions = !known.isEmpty && known.count == sessions.count ? known : nil
    }

    /// True when some instrument's market is open at `time` (always, without sessions).
    private func anyMarketOpen(at time: Timestamp) -> Bool {
        guard let sessions else { return true }
        return sessions.contains { $0.isOpen(at: time) }
    }

    /// Keeps every slate from now on (``decisions``), for off-policy evaluation; changes nothing
    /// the selector decides.
    public func recordDecisions() {
        if decisions == nil { decisions = [] }
    }

    public func start() {
        context.subscribe(as: .selector)
        context.schedule(after: parameters.intervalNanoseconds)
    }

    public func receive(_ delivery: Delivery) {
        switch delivery.message {
        case .quote(let quote):
            guard Int(quote.symbol) < logMids.count, quote.bidPrice > 0, quote.askPrice >= quote.bidPrice else { return }
            logMids[Int(quote.symbol)] = context.logMid(of: quote)
        case .forecast(let forecast):
            guard Int(forecast.symbol) < forecasts.count, forecast.mu.isFinite, forecast.sigma.isFinite, forecast.sigma > 0 else { return }
            forecasts[Int(forecast.symbol)] = (forecast.mu, forecast.sigma, delivery.time, forecast.shares)
        case .timer:
            guard anyMarketOpen(at: delivery.time) else {
                // Every market is closed: no return to sample, no slate to trade on.
                context.schedule(after: parameters.intervalNanoseconds)
                return
            }
            sample()
            hindsight.score(logMids: logMids)
            scoreLastDecision()
            select(now: delivery.time)
            context.schedule(after: parameters.intervalNanoseconds)
        default:
            break
        }
    }

    /// One return per symbol since the last sample feeds the rolling correlations.
    private func sample() {
        guard logMids.allSatisfy({ $0 != nil }) else { return }
        if sampledLogMids.allSatisfy({ $0 != nil }) {
            correlations.add(zip(logMids, sampledLogMids).map { $0.0! - $0.1! })
        }
        sampledLogMids = logMids
    }

    private func select(now: Timestamp) {
        var candidates: [DiversifiedSelection.Candidate] = []
        var direction = [Double](repeating: 0, count: forecasts.count)
        for (index, entry) in forecasts.enumerated() {
            guard let entry, now &- entry.time <= parameters.maximumForecastAgeNanoseconds, entry.mu != 0 else { continue }
            candidates.append(.init(index: index, score: abs(entry.mu) / entry.sigma))
            direction[index] = entry.mu > 0 ? 1 : -1
        }
        guard !candidates.isEmpty else { return }
        let correlation = { [correlations] (a: Int, b: Int) -> Double in correlations.correlation(a, b) * direction[a] * direction[b] }
        var remaining = candidates
        var picks: [DiversifiedSelection.Pick] = []
        var propensities: [Double] = []
        var explored: [Bool] = []
        while picks.count < parameters.count, !remaining.isEmpty {
            var bestPosition = 0
            var best = selection.evaluate(remaining[0], after: picks, correlation: correlation)
            for position in 1..<remaining.count {
                let candidate = selection.evaluate(remaining[position], after: picks, correlation: correlation)
                if candidate.adjustedScore > best.adjustedScore { (bestPosition, best) = (position, candidate) }
            }
            let uniform = parameters.exploration / Double(remaining.count)
            var chosenPosition = bestPosition
            var wasExplored = false
            if context.random.nextBernoulli(parameters.exploration) {
                chosenPosition = Int(context.random.next(below: UInt64(remaining.count)))
                wasExplored = chosenPosition != bestPosition
            }
            let pick = selection.evaluate(remaining[chosenPosition], after: picks, correlation: correlation)
            propensities.append(chosenPosition == bestPosition ? (1 - parameters.exploration) + uniform : uniform)
            explored.append(wasExplored)
            if wasExplored { explorations += 1 }
            picks.append(pick)
            remaining.remove(at: chosenPosition)
        }
        diversification.slates += 1
        record(candidates: candidates, picks: picks, correlation: correlation)
        if decisions != nil {
            keepDecision(candidates: candidates, direction: direction, picks: picks.map(\.index),
                         propensity: propensities.reduce(1, *), correlation: correlation)
        }
        hindsight.made(candidates: candidates.map(\.index), directions: candidates.map { direction[$0.index] }, picks: picks.map(\.index),
                       logMids: logMids)
        let slateID = context.ids.next()
        for (rank, pick) in picks.enumerated() {
            let entry = SlateEntry(slateID: slateID, mu: forecasts[pick.index]!.mu, score: pick.score, penalty: pick.penalty,
                                   propensity: propensities[rank], symbol: SymbolID(pick.index), rank: UInt8(rank),
                                   count: UInt8(picks.count), explored: explored[rank])
            context.publish(slateTopic, .slate(entry))
            decisionShares.append(DecisionShares(time: now, symbol: SymbolID(pick.index), traceID: slateID,
                                                 shares: forecasts[pick.index]!.shares))
        }
    }

    private func record(candidates: [DiversifiedSelection.Candidate], picks: [DiversifiedSelection.Pick],
                        correlation: (Int, Int) -> Double) {
        guard picks.count >= 2, correlations.filled >= 3 else { return }
        let plain = candidates.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }.prefix(picks.count).map(\.index)
        diversification.measuredSlates += 1
        diversification.allCandidates += DiversifiedSelection.averagePairCorrelation(candidates.map(\.index), correlation: correlation)
        diversification.plainTopK += DiversifiedSelection.averagePairCorrelation(plain, correlation: correlation)
        diversification.selected += DiversifiedSelection.averagePairCorrelation(picks.map(\.index), correlation: correlation)
    }

    private func keepDecision(candidates: [DiversifiedSelection.Candidate], direction: [Double], picks: [Int], propensity: Double,
                              correlation: (Int, Int) -> Double) {
        let indices = candidates.map(\.index)
        var matrix: [Double] = []
        matrix.reserveCapacity(indices.count * indices.count)
        for a in indices { for b in indices { matrix.append(a == b ? 1 : correlation(a, b)) } }
        decisions!.append(SlateDecision(candidates: indices, scores: candidates.map(\.score), mus: indices.map { forecasts[$0]!.mu },
                                        directions: indices.map { direction[$0] }, correlations: matrix, picks: picks,
                                        propensity: propensity, exploration: parameters.exploration,
                                        penaltyWeight: parameters.penaltyWeight, logMids: indices.map { logMids[$0] }, reward: nil))
        unscoredDecision = decisions!.count - 1
    }

    /// The last kept slate's reward: its picks' mean directional log return since it was made.
    private func scoreLastDecision() {
        guard let last = unscoredDecision else { return }
        unscoredDecision = nil
        let decision = decisions![last]
        var total = 0.0
        for pick in decision.picks {
            guard let position = decision.candidates.firstIndex(of: pick), let then = decision.logMids[position],
                  let now = logMids[pick] else { return }
            total += decision.directions[position] * (now - then)
        }
        decisions![last].reward = total / Double(decision.picks.count)
    }

    /// Hands the decision records made before `cutoff` to the run's history (the report's PnL
    /// attribution), which takes them as the run goes so they never pile up.
    public func removeDecisionShares(before cutoff: Timestamp) -> [DecisionShares] {
        decisionShares.removeRecords(before: cutoff)
    }
}
