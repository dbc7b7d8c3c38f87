import Actors
import Kernel
import Messages
import Testing

@Suite struct PerformanceMetricsTests {
    /// 1e8 minor units, then returns +1%, −2%, +1%, +3%: every equity is an exact integer.
    static let initialEquity: Int64 = 100_000_000
    static let equities: [Int64] = [101_000_000, 98_980_000, 99_969_800, 102_968_894]

    /// A per-sample basis annualized by `factor` (factor² periods a year).
    static func basis(_ factor: Double) -> ReturnBasis {
        ReturnBasis(kind: .perSample, horizonNanoseconds: 60_000_000_000, periodsPerYear: factor * factor, tradingDays: 1)
    }

    static func close(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= tolerance * max(1, abs(expected))
    }

    @Test func fourReturnsGiveKnownRatios() {
        let returns = PerformanceMetrics.simpleReturns(initialEquityMinorUnits: Self.initialEquity, equitySamplesMinorUnits: Self.equities)
        #expect(returns.count == 4)
        for (actual, expected) in zip(returns, [0.01, -0.02, 0.01, 0.03]) { #expect(Self.close(actual, expected)) }

        let metrics = PerformanceMetrics.measure(initialEquityMinorUnits: Self.initialEquity, basisEquitiesMinorUnits: Self.equities,
                                                 basis: Self.basis(1), tradedNotionalMinorUnits: 50_000_000, feesMinorUnits: 1_234,
                                                 trades: TradeTotals(closes: 4, winningCloses: 3))
        // mean 0.0075; squared deviations 6.25e-6 + 7.5625e-4 + 6.25e-6 + 5.0625e-4 = 1.275e-3;
        // sample variance 1.275e-3 / 3 = 4.25e-4.
        #expect(Self.close(metrics.sharpe, 0.0075 / 0.000425.squareRoot()))
        #expect(Self.close(metrics.sharpe, 0.363_803_437_554_499_5, tolerance: 1e-9))
        // Downside deviation √(0.02² / 4) = 0.01.
        #expect(Self.close(metrics.sortino, 0.75))
        // Peak 101.0M, trough 98.98M.
        #expect(Self.close(metrics.maxDrawdown, 0.02))
        // Fewer than 20 returns: the worst one, as a loss.
        #expect(Self.close(metrics.cvar95, 0.02))
        #expect(metrics.turnover == 0.5)
        #expect(metrics.hitRate == 0.75)
        #expect(metrics.pnlMinorUnits == 2_968_894)
        #expect(metrics.finalEquityMinorUnits == 102_968_894)
        #expect(metrics.feesMinorUnits == 1_234)
        #expect(metrics.returnCount == 4)
    }

    @Test func annualizationScalesBothRatios() {
        let minute: DurationNanoseconds = 60_000_000_000
        // 252 sessions × 390 one-minute samples.
        #expect(Self.close(PerformanceMetrics.annualizationFactor(sampleIntervalNanoseconds: minute), 98_280.0.squareRoot()))
        // One sample per 6.5-hour session: √252.
        #expect(Self.close(PerformanceMetrics.annualizationFactor(sampleIntervalNanoseconds: 390 * minute), 252.0.squareRoot()))

        let perSample = PerformanceMetrics.measure(initialEquityMinorUnits: Self.initialEquity, basisEquitiesMinorUnits: Self.equities,
                                                   basis: Self.basis(1))
        let annual = PerformanceMetrics.measure(initialEquityMinorUnits: Self.initialEquity, basisEquitiesMinorUnits: Self.equities,
                                                basis: Self.basis(10))
        #expect(Self.close(annual.sharpe, perSample.sharpe! * 10))
        #expect(Self.close(annual.sortino, perSample.sortino! * 10))
        #expect(annual.maxDrawdown == perSample.maxDrawdown, "drawdown is not annualized")
        #expect(annual.cvar95 == perSample.cvar95, "CVaR is not annualized")
        #expect(annual.cvar99 == perSample.cvar99, "CVaR is not annualized")
    }

    @Test func emptyCurveMeasuresAsTheInitialEquity() {
        let curve = EquityCurve(sampleIntervalNanoseconds: 60_000_000_000, initialEquityMinorUnits: Self.initialEquity)
        #expect(curve.isEmpty && curve.lastEquityMinorUnits == Self.initialEquity && curve.lastSampleTime == 0)
        #expect(curve.nextGridTime(after: 0) == 60_000_000_000)
        #expect(curve.nextGridTime(after: 119_999_999_999) == 120_000_000_000)
        let metrics = PerformanceMetrics.measure(curve: curve)
        #expect(metrics.returnCount == 0)
        #expect(metrics.finalEquityMinorUnits == Self.initialEquity)
        #expect(metrics.pnlMinorUnits == 0)
    }

    /// 100 returns whose five worst are −1% … −5% (scattered through the series): CVaR 95 = 3%.
    @Test func expectedShortfallOfAHundredReturns() {
        var returns = (0..<100).map { Double($0 % 7 - 3) * 0.001 }  // −0.3% … +0.3%
        for (index, worst) in zip([3, 17, 42, 66, 99], [-0.03, -0.05, -0.01, -0.04, -0.02]) { returns[index] = worst }
        #expect(Self.close(ReturnStatistics.expectedShortfall(of: returns, tailFraction: 0.05), 0.03))
        // The tail is ⌊(n − 1) × 5 %⌋ + 1 returns: 100 average the worst five, 101 take six.
        let six = returns + [0.002]
        #expect(Self.close(ReturnStatistics.expectedShortfall(of: six, tailFraction: 0.05), (0.15 + 0.003) / 6))
        // At 99 %: ⌊99 × 1 %⌋ + 1 = 1 return of 100, the worst; ⌊100 × 1 %⌋ + 1 = 2 of 101.
        #expect(Self.close(ReturnStatistics.expectedShortfall(of: returns, tailFraction: 0.01), 0.05))
        #expect(Self.close(ReturnStatistics.expectedShortfall(of: six, tailFraction: 0.01), 0.045))

        // The same through an integer equity series: rounding to minor units moves each return by
        // less than 1e-8.
        var equities: [Int64] = []
        var equity = 1_000_000_000.0
        for value in returns {
            equity = (equity * (1 + value)).rounded()
            equities.append(Int64(equity))
        }
        let metrics = PerformanceMetrics.measure(initialEquityMinorUnits: 1_000_000_000, basisEquitiesMinorUnits: equities,
                                                 basis: Self.basis(1))
        #expect(metrics.returnCount == 100)
        #expect(Self.close(metrics.cvar95, 0.03, tolerance: 1e-7))
    }

    @Test func undefinedRatiosAreNilNotNaN() {
        // No samples at all.
        let empty = PerformanceMetrics.measure(initialEquityMinorUnits: 1_000, basisEquitiesMinorUnits: [], basis: Self.basis(1))
        #expect(empty.sharpe == nil && empty.sortino == nil && empty.cvar95 == nil && empty.hitRate == nil)
        #expect(empty.maxDrawdown == 0)
        #expect(empty.turnover == 0)
        #expect(empty.pnlMinorUnits == 0 && empty.finalEquityMinorUnits == 1_000)

        // Flat equity: returns exist but have no variance and no downside.
        let flat = PerformanceMetrics.measure(initialEquityMinorUnits: 1_000, basisEquitiesMinorUnits: [1_000, 1_000, 1_000],
                                              basis: Self.basis(1))
        #expect(flat.sharpe == nil && flat.sortino == nil)
        #expect(flat.cvar95 == 0)

        // Equal nonzero returns: no variance either (the mean of equal doubles need not equal them).
        let steady = PerformanceMetrics.measure(initialEquityMinorUnits: 1_000, basisEquitiesMinorUnits: [1_100, 1_210, 1_331],
                                                basis: Self.basis(1))
        #expect(steady.sharpe == nil)
        #expect(steady.sortino == nil, "no negative return")
        #expect(Self.close(steady.cvar95, -0.1), "even the worst return was a gain")

        // One return: no sample deviation.
        let single = PerformanceMetrics.measure(initialEquityMinorUnits: 1_000, basisEquitiesMinorUnits: [990], basis: Self.basis(1))
        #expect(single.sharpe == nil)
        #expect(Self.close(single.sortino, -1))

        // No starting equity: no turnover ratio, no returns from zero, drawdown of a zero peak skipped.
        let broke = PerformanceMetrics.measure(initialEquityMinorUnits: 0, basisEquitiesMinorUnits: [0, 0],
                                               basis: Self.basis(1), tradedNotionalMinorUnits: 10)
        #expect(broke.turnover == nil)
        #expect(broke.returnCount == 0)
        #expect(broke.maxDrawdown == 0)
    }

    @Test func drawdownBelowZeroCountsAsTotal() {
        let fraction = PerformanceMetrics.maximumDrawdownFraction(initialEquityMinorUnits: 1_000, equitySamplesMinorUnits: [1_200, 600, -300, 500])
        #expect(fraction == 1)
        let partial = PerformanceMetrics.maximumDrawdownFraction(initialEquityMinorUnits: 1_000, equitySamplesMinorUnits: [1_200, 900, 1_500, 1_200])
        #expect(partial == 0.25)
    }
}
