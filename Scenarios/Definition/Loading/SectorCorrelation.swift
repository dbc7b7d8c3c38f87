/// Whether a synthetic feed's correlation matrix — 1 on the diagonal, `sector` between two symbols
/// of one sector, `market` across sectors — is positive definite, in O(sectors) rather than the
/// O(symbols³) of factoring it (the feed factors it once when a run starts; `validate` only asks).
///
/// The matrix is (1 − s)·I + (s − m)·Σₖ 1ₖ1ₖᵀ + m·11ᵀ. Vectors that sum to zero within every
/// sector are eigenvectors with eigenvalue 1 − s (there are some when a sector has two symbols);
/// on the sector indicators it acts, in coordinates scaled by √nₖ, as D + m·uuᵀ with
/// Dₖ = 1 − s + (s − m)·nₖ and uₖ = √nₖ, whose LDLᵀ pivots come one by one: the Schur complement
/// of a diagonal-plus-rank-one matrix is again one, with the rank-one weight α·Dₖ / pivot.
enum SectorCorrelation {
    /// The smallest pivot the feed's own factorization accepts.
    static let minimumPivot = 1e-12

    static func isPositiveDefinite(sectorSizes: [Int], sector: Double, market: Double) -> Bool {
        if sectorSizes.contains(where: { $0 >= 2 }), !(1 - sector > minimumPivot) { return false }
        var weight = market
        for size in sectorSizes where size > 0 {
            let diagonal = 1 - sector + (sector - market) * Double(size)
            let pivot = diagonal + weight * Double(size)
            guard pivot > minimumPivot else { return false }
            weight = weight * diagonal / pivot
        }
        return true
    }
}
