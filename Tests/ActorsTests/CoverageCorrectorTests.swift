import Actors
import Kernel
import Messages
import Testing

@Suite struct CoverageCorrectorTests {
    /// Feeds a corrector forecasts of N(0, 1) returns published with σ′ = `mappedSigma` — each
    /// one published with the current c and recorded only afterwards, as the blender does — and
    /// measures the published forecasts (σ″ = c · σ′) after a warm-up.
    static func correct(mappedSigma: Double, count: Int, seed: UInt64) -> (corrector: CoverageCorrector, published: CalibrationTracker) {
        var corrector = CoverageCorrector()
        var random = RandomStream(seed: seed)
        var published = CalibrationTracker()
        for index in 0..<count {
            let realized = random.nextGaussian()
            if index >= 2_000 { published.add(mu: 0, sigma: mappedSigma * corrector.scale, realized: realized) }
            corrector.record(mu: 0, sigma: mappedSigma, realized: realized)
        }
        return (corrector, published)
    }

    /// σ′ = 0.5 for N(0, 1) returns: |z| = 2 |r|, whose 68.27 % quantile is exactly 2.
    @Test func anOverconfidentStreamIsWidenedByTheKnownFactor() throws {
        let (corrector, published) = Self.correct(mappedSigma: 0.5, count: 22_000, seed: 11)
        #expect(abs(corrector.scale - 2) < 0.15, "c \(corrector.scale)")
        let coverage = try #require(published.oneSigmaCoverage)
        #expect(abs(coverage - 0.6827) < 0.015, "coverage \(coverage)")
        #expect(try #require(published.expectedCalibrationError) < 0.02)
    }

    /// σ′ = 3 (over-dispersed, 99.7 % inside μ ± σ′): c falls to 1/3.
    @Test func anOverDispersedStreamIsNarrowed() throws {
        let (corrector, published) = Self.correct(mappedSigma: 3, count: 22_000, seed: 12)
        #expect(abs(corrector.scale - 1.0 / 3) < 0.03, "c \(corrector.scale)")
        let coverage = try #require(published.oneSigmaCoverage)
        #expect(abs(coverage - 0.6827) < 0.015, "coverage \(coverage)")
    }

    /// A stream that is calibrated already keeps c near 1.
    @Test func aCalibratedStreamIsLeftAlone() {
        let (corrector, _) = Self.correct(mappedSigma: 1, count: 22_000, seed: 13)
        #expect(abs(corrector.scale - 1) < 0.08, "c \(corrector.scale)")
    }

    /// Before any score c is 1; it never leaves 1/10…10, and bad input does not move it.
    @Test func theStartIsNeutralAndTheScaleIsBounded() {
        var corrector = CoverageCorrector()
        #expect(corrector.scale == 1 && corrector.scored == 0)
        corrector.record(mu: 0, sigma: 0, realized: 1)
        corrector.record(mu: .nan, sigma: 1, realized: 1)
        corrector.record(mu: 0, sigma: 1, realized: .infinity)
        #expect(corrector.scale == 1 && corrector.scored == 0)
        var exact = CoverageCorrector()
        for _ in 0..<20_000 { exact.record(mu: 0.01, sigma: 1, realized: 0.01) }
        #expect(exact.scale == 1 / CoverageCorrector.scaleLimit)
        var wild = CoverageCorrector()
        for _ in 0..<20_000 { wild.record(mu: 0, sigma: 1e-9, realized: 1) }
        #expect(wild.scale == CoverageCorrector.scaleLimit)
        #expect(abs(CoverageCorrector.target - 0.682689492137086) < 1e-12)
    }
}
