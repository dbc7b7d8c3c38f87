/// One slate as the selector made it, kept only when asked (``Selector/recordDecisions()``, for
/// off-policy evaluation): every candidate with its score, forecast μ and direction, the
/// directional correlations the penalty used, the picks in order with the slate's propensity —
/// and, one interval later, what the picks returned.
public struct SlateDecision: Sendable, Equatable {
    /// Candidate symbols and, per candidate, its score |μ| / σ, its μ and its direction (±1).
    public var candidates: [Int]
    public var scores: [Double]
    public var mus: [Double]
    public var directions: [Double]
    /// Directional correlation of candidates i and j at `i * candidates.count + j`.
    public var correlations: [Double]
    /// The picked symbols, in pick order.
    public var picks: [Int]
    /// Π of the picks' propensities: the probability the selector gave this ordered slate.
    public var propensity: Double
    public var exploration: Double
    public var penaltyWeight: Double
    /// Log mids of the candidates when the slate was made (nil for an unquoted candidate).
    var logMids: [Double?]
    /// Mean directional log return of the picks over the next interval; nil until scored (or
    /// when a pick was not quoted at both ends).
    public var reward: Double?

    public init(candidates: [Int], scores: [Double], mus: [Double], directions: [Double], correlations: [Double], picks: [Int],
                propensity: Double, exploration: Double, penaltyWeight: Double, logMids: [Double?] = [], reward: Double? = nil) {
        self.candidates = candidates
        self.scores = scores
        self.mus = mus
        self.directions = directions
        self.correlations = correlations
        self.picks = picks
        self.propensity = propensity
        self.exploration = exploration
        self.penaltyWeight = penaltyWeight
        self.logMids = logMids
        self.reward = reward
    }

    /// The directional correlation of two candidate symbols.
    public func correlation(_ a: Int, _ b: Int) -> Double {
        guard let i = candidates.firstIndex(of: a), let j = candidates.firstIndex(of: b) else { return 0 }
        return correlations[i * candidates.count + j]
    }
}
