import Actors

/// A sizing rule of this package's own (`sizer: { rule: { type: fixed-lots, lots: … } }`): long
/// `lots` when the blended forecast's μ is above `min_score` σ, short below −`min_score` σ, flat
/// otherwise — in place of the sizer's Kelly sizing.
struct FixedLots: CustomSizingRule {
    let lots: Int64
    let minimumScore: Double

    func targetLots(for request: SizingRequest) -> Int64 {
        guard request.sigma > 0 else { return 0 }
        let score = request.mu / request.sigma
        return score > minimumScore ? lots : score < -minimumScore ? -lots : 0
    }
}
