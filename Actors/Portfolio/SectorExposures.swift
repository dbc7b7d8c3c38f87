/// The book's exposure per sector, kept incrementally as market values move, in minor units.
///
/// Gross is Σ |market value| of a sector's positions, net is Σ market value (longs minus shorts).
/// In debug builds ``drift(sectors:marketValuesMinorUnits:)`` re-derives both from the market
/// values, in scratch space kept here so that the check does not allocate per event.
struct SectorExposures: Sendable {
    private(set) var grossMinorUnits: [Int64]
    private(set) var netMinorUnits: [Int64]
    #if DEBUG
    private var recomputedGross: [Int64]
    private var recomputedNet: [Int64]
    #endif

    init(sectorCount: Int) {
        grossMinorUnits = Array(repeating: 0, count: sectorCount)
        netMinorUnits = Array(repeating: 0, count: sectorCount)
        #if DEBUG
        recomputedGross = Array(repeating: 0, count: sectorCount)
        recomputedNet = Array(repeating: 0, count: sectorCount)
        #endif
    }

    /// A position of `sector` went from market value `previous` to `value`.
    /// - Complexity: O(1).
    mutating func move(sector: Int, from previous: Int64, to value: Int64) {
        netMinorUnits[sector] += value - previous
        grossMinorUnits[sector] += abs(value) - abs(previous)
    }

    /// Debug builds: which running total differs from the one re-derived from the market values
    /// (`sectors[i]` is the sector of the position worth `marketValuesMinorUnits[i]`), or nil when
    /// both agree. Always nil in release builds.
    /// - Complexity: O(instruments + sectors) in debug builds.
    mutating func drift(sectors: [Int], marketValuesMinorUnits: [Int64]) -> String? {
        #if DEBUG
        for sector in grossMinorUnits.indices {
            recomputedGross[sector] = 0
            recomputedNet[sector] = 0
        }
        for index in sectors.indices {
            recomputedGross[sectors[index]] += abs(marketValuesMinorUnits[index])
            recomputedNet[sectors[index]] += marketValuesMinorUnits[index]
        }
        if recomputedGross != grossMinorUnits { return "gross sector exposure drifted" }
        if recomputedNet != netMinorUnits { return "net sector exposure drifted" }
        #endif
        return nil
    }
}
