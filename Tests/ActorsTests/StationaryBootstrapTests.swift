import Actors
import Kernel
import Messages
import Testing

/// The bootstrap behind the report's intervals (docs/metrics.md, "Intervals"): the block length
/// against the `arch` package, the resampling's known properties, and the intervals' determinism
/// and coverage.
@Suite struct StationaryBootstrapTests {
    @Test func theBlockLengthMatchesArchOnTheCommittedReturns() throws {
        let (returns, expected) = try ReturnStatisticsReferenceTests.load()
        let length = try #require(BootstrapBlockLength.stationary(of: returns))
        #expect(abs(length - expected.block_length_stationary) < 1e-9 * expected.block_length_stationary)
    }

    @Test func theBlockLengthMatchesArchOnTheAbsoluteReturnsWhoseDependenceIsLong() throws {
        let (returns, expected) = try ReturnStatisticsReferenceTests.load()
        let length = try #require(BootstrapBlockLength.stationary(of: returns.map(abs)))
        #expect(abs(length - expected.block_length_stationary_absolute) < 1e-9 * expected.block_length_stationary_absolute)
        #expect(length > 5 * expected.block_length_stationary)
    }

    @Test func noBlockLengthWithoutEnoughDataOrVariance() {
        #expect(BootstrapBlockLength.stationary(of: [0.01, 0.02, -0.01]) == nil)
        #expect(BootstrapBlockLength.stationary(of: [Double](repeating: 0.01, count: 100)) == nil)
    }

    /// Resampling the indices themselves shows the blocks: a block ends wherever the next value is
    /// not the previous one's successor (mod n). Their mean length is the configured one.
    @Test func blocksHaveTheConfiguredMeanLength() {
        let count = 100_000
        let indices = (0..<count).map(Double.init)
        var bootstrap = StationaryBootstrap(meanBlockLength: 5, stream: RandomStream(seed: 7))
        var resample: [Double] = []
        bootstrap.resample(indices, into: &resample)
        #expect(resample.count == count)
        var blocks = 1
        for index in 1..<count where resample[index] != Double((Int(resample[index - 1]) + 1) % count) { blocks += 1 }
        let meanLength = Double(count) / Double(blocks)
        // A block also "continues" when a new start happens to draw the successor: 1 in 100,000.
        #expect(abs(meanLength - 5) < 0.15, "mean block length \(meanLength)")
    }

    /// With an (effectively) infinite mean block length a resample is the series rotated: every
    /// figure that ignores order is the run's own, and the interval collapses onto it.
    @Test func anEndlessBlockRotatesTheSeriesAndTheIntervalCollapses() throws {
        let (returns, _) = try ReturnStatisticsReferenceTests.load()
        var bootstrap = StationaryBootstrap(meanBlockLength: 1e15, stream: RandomStream(seed: 3))
        var resample: [Double] = []
        bootstrap.resample(returns, into: &resample)
        #expect(resample.sorted() == returns.sorted())
        let start = try #require(returns.firstIndex(of: resample[0]))
        #expect(resample == Array(returns[start...] + returns[..<start]))
        let shortfall = try #require(ReturnStatistics.expectedShortfall(of: returns, tailFraction: 0.01))
        let rotatedShortfall = try #require(ReturnStatistics.expectedShortfall(of: resample, tailFraction: 0.01))
        #expect(shortfall == rotatedShortfall)
    }

    @Test func theSameSeedGivesTheSameIntervalsAndAnotherSeedOthers() throws {
        let (returns, _) = try ReturnStatisticsReferenceTests.load()
        let basis = ReturnBasis(kind: .daily, horizonNanoseconds: TimeUnits.nanosecondsPerDay, periodsPerYear: 252, tradingDays: returns.count)
        let first = try #require(MetricIntervals.measure(returns: returns, basis: basis, initialEquityMinorUnits: 100_000, resamples: 200, seed: 42))
        let again = try #require(MetricIntervals.measure(returns: returns, basis: basis, initialEquityMinorUnits: 100_000, resamples: 200, seed: 42))
        let other = try #require(MetricIntervals.measure(returns: returns, basis: basis, initialEquityMinorUnits: 100_000, resamples: 200, seed: 43))
        #expect(first == again)
        #expect(first != other)
        let sharpe = try #require(first.sharpe)
        let pointSharpe = try #require(PerformanceMetrics.sharpe(of: returns)) * basis.annualizationFactor
        #expect(sharpe.lower < pointSharpe && pointSharpe < sharpe.upper)
        let pnl = try #require(first.pnlMinorUnits)
        #expect(pnl.lower < pnl.upper)
        #expect(first.meanBlockLength > 7 && first.meanBlockLength < 8)
    }

    /// For independent normal returns the percentile interval of the mean must cover the true mean
    /// about 95 % of the time: 200 series of 200 returns, 400 resamples each.
    @Test func intervalsOfTheMeanCoverTheTrueMeanNinetyFivePercentOfTheTime() {
        var stream = RandomStream(seed: 11)
        var covered = 0
        let series = 200, count = 200, resamples = 400
        var resample: [Double] = []
        for trial in 0..<series {
            let returns = (0..<count).map { _ in 0.001 + 0.01 * stream.nextGaussian() }
            var bootstrap = StationaryBootstrap(meanBlockLength: 1, stream: RandomStream(rootSeed: UInt64(trial), streamName: "coverage"))
            var means: [Double] = []
            for _ in 0..<resamples {
                bootstrap.resample(returns, into: &resample)
                means.append(resample.reduce(0, +) / Double(count))
            }
            means.sort()
            if let lower = StationaryBootstrap.quantile(0.025, ofSorted: means),
               let upper = StationaryBootstrap.quantile(0.975, ofSorted: means), lower <= 0.001, 0.001 <= upper {
                covered += 1
            }
        }
        // Binomial(200, 0.95): mean 190, standard deviation 3.1; the percentile interval runs a
        // little short at n = 200, so the band is wider below.
        #expect((178...199).contains(covered), "covered \(covered) of \(series)")
    }

    @Test func quantilesInterpolateLikeNumpy() {
        let values = [1.0, 2, 3, 4, 10]
        #expect(StationaryBootstrap.quantile(0, ofSorted: values) == 1)
        #expect(StationaryBootstrap.quantile(1, ofSorted: values) == 10)
        #expect(StationaryBootstrap.quantile(0.5, ofSorted: values) == 3)
        // numpy.quantile([1, 2, 3, 4, 10], 0.9) = 4 + 0.6 × 6 = 7.6
        #expect(abs(StationaryBootstrap.quantile(0.9, ofSorted: values)! - 7.6) < 1e-12)
        #expect(StationaryBootstrap.quantile(0.5, ofSorted: []) == nil)
    }
}
