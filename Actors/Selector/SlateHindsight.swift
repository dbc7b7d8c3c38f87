/// How good the selector's last slate was, seen one interval later: every candidate's return over
/// the interval in the direction its forecast gave it, the best K of those (the oracle's slate of
/// the same size), and how far the slate fell short.
///
/// - **Regret** of a slate: Σ of the oracle's K directional log returns − Σ of the slate's, over the
///   interval after it (until the next slate). 0 when the slate was the best possible in hindsight.
/// - **Top-K hit rate**: the share of the slate's picks among the oracle's K — beside the chance
///   rate K / candidates, which a slate drawn at random would score.
/// Both are averaged over the slates that could be scored (every candidate quoted at both ends).
public struct SlateHindsight: Sendable, Equatable {
    /// The slate waiting to be scored: candidates with their forecast direction, the picks, and
    /// each candidate's log mid when the slate was made.
    struct Pending: Sendable, Equatable {
        var candidates: [Int]
        var directions: [Double]
        var picks: [Int]
        var logMids: [Double]
    }

    private var pending: Pending?
    public private(set) var scoredSlates = 0
    /// Σ regret (log-return units) and Σ hit rate over the scored slates.
    public private(set) var regretSum = 0.0
    public private(set) var hitRateSum = 0.0
    /// Σ K / candidates: the hit rate a slate drawn at random would have.
    public private(set) var chanceHitRateSum = 0.0

    public init() {}

    /// Mean regret per scored slate, in basis points of log return; nil before any.
    public var meanRegretBasisPoints: Double? { scoredSlates > 0 ? regretSum / Double(scoredSlates) * 10_000 : nil }
    public var topKHitRate: Double? { scoredSlates > 0 ? hitRateSum / Double(scoredSlates) : nil }
    public var chanceHitRate: Double? { scoredSlates > 0 ? chanceHitRateSum / Double(scoredSlates) : nil }

    /// Remembers a slate: `directions[i]` is ±1 for candidate `candidates[i]`; `logMids` per symbol.
    /// A slate whose candidates are not all quoted cannot be scored and is not kept.
    public mutating func made(candidates: [Int], directions: [Double], picks: [Int], logMids: [Double?]) {
        let mids = candidates.compactMap { logMids[$0] }
        pending = mids.count == candidates.count && !picks.isEmpty
            ? Pending(candidates: candidates, directions: directions, picks: picks, logMids: mids) : nil
    }

    /// Scores the remembered slate against the log mids now.
    public mutating func score(logMids: [Double?]) {
        guard let slate = pending else { return }
        pending = nil
        var returns: [(index: Int, value: Double)] = []
        for (position, index) in slate.candidates.enumerated() {
            guard let now = logMids[index] else { return }
            returns.append((index, slate.directions[position] * (now - slate.logMids[position])))
        }
        let count = slate.picks.count
        // Ties in hindsight go to the lower symbol index, so the oracle is one fixed set.
        let oracle = returns.sorted { $0.value != $1.value ? $0.value > $1.value : $0.index < $1.index }.prefix(count)
        let slateReturn = slate.picks.reduce(0.0) { sum, pick in sum + (returns.first { $0.index == pick }?.value ?? 0) }
        regretSum += oracle.reduce(0) { $0 + $1.value } - slateReturn
        hitRateSum += Double(slate.picks.filter { pick in oracle.contains { $0.index == pick } }.count) / Double(count)
        chanceHitRateSum += Double(count) / Double(slate.candidates.count)
        scoredSlates += 1
    }
}
