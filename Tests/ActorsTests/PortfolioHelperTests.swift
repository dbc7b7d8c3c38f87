@testable import Actors
import Kernel
import Messages
import Testing

/// The value types the portfolio's bookkeeping is split into, on hand-computed values.
@Suite struct PortfolioHelperTests {
    /// Cents: price 12_000 is 120.00, one lot of it 12_000 minor units.
    let instrument = Instrument(symbol: "A", sector: "x", pricePrecision: 2, lotSize: 1)

    /// (realized, open-cost change) of one fill.
    private func fill(position: Int64, openCost: Int64, lots: Int64, price: Int64) -> [Int64?] {
        let step = AverageCostFill(positionLots: position, openCostMinorUnits: openCost, signedLots: lots,
                                   notionalMinorUnits: instrument.notionalMinorUnits(quantity: lots, price: price), price: price,
                                   instrument: instrument)
        return [step.realizedMinorUnits, step.openCostChangeMinorUnits]
    }

    @Test func averageCostOpensAddsReducesAndFlips() {
        #expect(fill(position: 0, openCost: 0, lots: 10, price: 10_000) == [nil, 100_000])
        #expect(fill(position: 10, openCost: 100_000, lots: 10, price: 11_000) == [nil, 110_000])
        // Long 20 at an average 105.00; selling 5 at 120.00 realizes 5 × 15.00 and takes 5/20 of the cost.
        #expect(fill(position: 20, openCost: 210_000, lots: -5, price: 12_000) == [7_500, -52_500])
        // Selling 25 closes the 20 (+300.00) and opens short 5 at 120.00: cost 210_000 → −60_000.
        #expect(fill(position: 20, openCost: 210_000, lots: -25, price: 12_000) == [30_000, -270_000])
        // Buying back 5 of a short 10 opened at 100.00, at 90.00: +50.00.
        #expect(fill(position: -10, openCost: -100_000, lots: 5, price: 9_000) == [5_000, 50_000])
    }

    @Test func shareTruncatesTowardZeroWithoutOverflow() {
        #expect(AverageCostFill.share(of: 10, part: 1, whole: 3) == 3)
        #expect(AverageCostFill.share(of: -10, part: 1, whole: 3) == -3)
        #expect(AverageCostFill.share(of: -7, part: 4, whole: 4) == -7)
        #expect(AverageCostFill.share(of: .max, part: 2, whole: 3) == 6_148_914_691_236_517_204)
    }

    @Test func tradeTotalsCountWinsAndLosses() {
        var totals = TradeTotals()
        for realized: Int64 in [7_500, -2_000, 0, 30_000] { totals.recordClose(realizedMinorUnits: realized) }
        #expect(totals == TradeTotals(closes: 4, winningCloses: 2, grossProfitMinorUnits: 37_500, grossLossMinorUnits: 2_000))
    }

    @Test func drawdownFollowsThePeak() {
        var drawdown = DrawdownTracker(initialEquityMinorUnits: 1_000)
        for equity: Int64 in [1_200, 900, 1_100, 1_300, 1_250] { drawdown.observe(equityMinorUnits: equity) }
        #expect(drawdown.peakEquityMinorUnits == 1_300)
        #expect(drawdown.maximumDrawdownMinorUnits == 300)
        #expect(drawdown.maximumDrawdownFraction == 0.25)
    }

    @Test func sectorExposuresMoveWithMarketValues() {
        var exposures = SectorExposures(sectorCount: 2)
        exposures.move(sector: 1, from: 0, to: 500)
        exposures.move(sector: 1, from: 0, to: -200)
        exposures.move(sector: 1, from: 500, to: 300)
        #expect(exposures.grossMinorUnits == [0, 500])
        #expect(exposures.netMinorUnits == [0, 100])
        #expect(exposures.drift(sectors: [1, 1, 0], marketValuesMinorUnits: [300, -200, 0]) == nil)
        #if DEBUG
        #expect(exposures.drift(sectors: [1, 1, 0], marketValuesMinorUnits: [300, -250, 0]) == "gross sector exposure drifted")
        #expect(exposures.drift(sectors: [1, 1, 0], marketValuesMinorUnits: [-300, 200, 0]) == "net sector exposure drifted")
        #endif
    }

    /// One timer per stretch of activity; a timer after a final sample records nothing; a final
    /// sample at a grid sample's instant replaces it.
    @Test func equitySamplerSamplesOnlyAfterActivity() {
        var sampler = EquitySampler(curve: EquityCurve(sampleIntervalNanoseconds: 60, initialEquityMinorUnits: 1_000), symbolCount: 1)
        #expect(sampler.noteActivity(at: 10) == 60)
        #expect(sampler.noteActivity(at: 20) == nil, "already armed")
        sampler.sampleOnTimer(equityMinorUnits: 1_010, marks: [5], at: 60)
        sampler.sampleOnTimer(equityMinorUnits: 1_020, marks: [6], at: 120)
        #expect(sampler.curve.samplesMinorUnits == [1_010], "no activity since the last sample")
        #expect(sampler.noteActivity(at: 130) == 180)
        sampler.recordFinalSample(equityMinorUnits: 990, marks: [4], at: 150)
        sampler.recordFinalSample(equityMinorUnits: 980, marks: [3], at: 160)
        sampler.sampleOnTimer(equityMinorUnits: 970, marks: [2], at: 180)
        #expect(sampler.curve.sampleTimes == [60, 150])
        #expect(sampler.curve.samplesMinorUnits == [1_010, 990])
        #expect(sampler.markSamples.rows(0..<sampler.markSamples.count) == [[5], [4]])
        #expect(sampler.noteActivity(at: 240) == 300)
        sampler.sampleOnTimer(equityMinorUnits: 1_000, marks: [5], at: 300)
        #expect(sampler.noteActivity(at: 300) == 360)
        sampler.recordFinalSample(equityMinorUnits: 1_005, marks: [7], at: 300)
        #expect(sampler.curve.sampleTimes == [60, 150, 300])
        #expect(sampler.curve.samplesMinorUnits == [1_010, 990, 1_005])
        #expect(sampler.markSamples.rows(0..<sampler.markSamples.count) == [[5], [4], [7]] && sampler.markSamples[2][0] == 7 && sampler.markSamples.count == 3)
    }
}
