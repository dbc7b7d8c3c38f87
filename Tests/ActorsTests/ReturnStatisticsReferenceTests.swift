import Actors
import Kernel
import Messages
import Foundation
import Testing

/// The return metrics against empyrical-reloaded (and SciPy for the deflated Sharpe ratio) on a
/// committed series: the S&P 500's 755 daily returns of 2007–2009 (Tests/Fixtures/metrics;
/// regenerate with scripts/metrics-reference.py, see docs/metrics.md).
@Suite struct ReturnStatisticsReferenceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/metrics")

    struct Expected: Decodable {
        struct Annualized: Decodable {
            var periods_per_year: Double
            var sharpe: Double
            var sortino: Double
            var annual_return: Double
            var calmar: Double
        }
        var count: Int
        var daily: Annualized
        var per_minute: Annualized
        var max_drawdown: Double
        var cvar_95: Double
        var cvar_99: Double
        var deflated_sharpe_1_trials: Double
        var deflated_sharpe_10_trials: Double
        var skewness: Double
        var kurtosis: Double
        var block_length_stationary: Double
        var block_length_stationary_absolute: Double
    }

    static func load() throws -> ([Double], Expected) {
        let text = try String(contentsOf: fixtures.appendingPathComponent("returns.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "return")
        let returns = try lines.dropFirst().map { line in
            guard let value = Double(line) else { throw CocoaError(.fileReadCorruptFile) }
            return value
        }
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: fixtures.appendingPathComponent("expected.json")))
        return (returns, expected)
    }

    static func close(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= tolerance * abs(expected)
    }

    @Test func ratiosMatchEmpyrical() throws {
        let (returns, expected) = try Self.load()
        #expect(returns.count == expected.count)
        for reference in [expected.daily, expected.per_minute] {
            let periods = reference.periods_per_year
            let sharpe = PerformanceMetrics.sharpe(of: returns).map { $0 * periods.squareRoot() }
            let sortino = PerformanceMetrics.sortino(of: returns).map { $0 * periods.squareRoot() }
            #expect(Self.close(sharpe, reference.sharpe), "Sharpe, \(periods) periods a year")
            #expect(Self.close(sortino, reference.sortino), "Sortino, \(periods) periods a year")
            #expect(Self.close(ReturnStatistics.annualReturn(of: returns, periodsPerYear: periods), reference.annual_return))
            #expect(Self.close(ReturnStatistics.calmar(of: returns, periodsPerYear: periods), reference.calmar))
        }
        #expect(Self.close(ReturnStatistics.maximumDrawdown(of: returns), expected.max_drawdown))
        #expect(Self.close(ReturnStatistics.expectedShortfall(of: returns, tailFraction: 0.05), expected.cvar_95))
        #expect(Self.close(ReturnStatistics.expectedShortfall(of: returns, tailFraction: 0.01), expected.cvar_99))
    }

    @Test func deflatedSharpeMatchesItsFormulaInSciPy() throws {
        let (returns, expected) = try Self.load()
        #expect(Self.close(ReturnStatistics.skewness(of: returns), expected.skewness))
        #expect(Self.close(ReturnStatistics.kurtosis(of: returns), expected.kurtosis))
        #expect(Self.close(ReturnStatistics.deflatedSharpe(of: returns, trials: 1), expected.deflated_sharpe_1_trials))
        #expect(Self.close(ReturnStatistics.deflatedSharpe(of: returns, trials: 10), expected.deflated_sharpe_10_trials))
    }

    /// The same series through the equity path a run takes: integer minor units (1e12 of them, so
    /// rounding moves each return by under 1e-12), then ``PerformanceMetrics/measure``.
    @Test func measureOnDailyEquitiesMatchesEmpyrical() throws {
        let (returns, expected) = try Self.load()
        var equities: [Int64] = []
        var equity = 1e12
        for value in returns {
            equity = (equity * (1 + value)).rounded()
            equities.append(Int64(equity))
        }
        let basis = ReturnBasis(kind: .daily, horizonNanoseconds: TimeUnits.nanosecondsPerDay, periodsPerYear: 252, tradingDays: returns.count)
        let metrics = PerformanceMetrics.measure(initialEquityMinorUnits: 1_000_000_000_000, basisEquitiesMinorUnits: equities, basis: basis)
        #expect(Self.close(metrics.sharpe, expected.daily.sharpe, tolerance: 1e-7))
        #expect(Self.close(metrics.sortino, expected.daily.sortino, tolerance: 1e-7))
        #expect(Self.close(metrics.calmar, expected.daily.calmar, tolerance: 1e-7))
        #expect(Self.close(metrics.cvar99, expected.cvar_99, tolerance: 1e-7))
        #expect(Self.close(metrics.maxDrawdown, expected.max_drawdown, tolerance: 1e-7))
        #expect(Self.close(metrics.deflatedSharpe, expected.deflated_sharpe_1_trials, tolerance: 1e-7))
    }

    /// Known values: Φ(0) = ½, Φ(1.959964) = 0.975, Φ⁻¹ inverts Φ.
    @Test func normalDistributionKnownValues() {
        #expect(StandardNormal.cdf(0) == 0.5)
        #expect(abs(StandardNormal.cdf(1.959_963_984_540_054) - 0.975) < 1e-15)
        for p in [1e-10, 0.001, 0.02425, 0.3, 0.5, 0.9, 0.999_999] {
            #expect(abs(StandardNormal.cdf(StandardNormal.quantile(p)) - p) <= 1e-14 * max(p, 1e-3))
        }
        #expect(abs(StandardNormal.quantile(0.975) - 1.959_963_984_540_054) < 1e-13)
        // The expected maximum of N standard normals: the approximation's values (SciPy gives
        // 1.574598301345750 and 3.255121513652723), within 2.5 % and 0.5 % of the exact
        // 1.538753 and 3.241436 (numerical integration of x N φ(x) Φ(x)^(N−1)).
        #expect(abs(ReturnStatistics.expectedMaximumOfNormals(10) - 1.574_598_301_345_75) < 1e-12)
        #expect(abs(ReturnStatistics.expectedMaximumOfNormals(1_000) - 3.255_121_513_652_723) < 1e-12)
        #expect(abs(ReturnStatistics.expectedMaximumOfNormals(1_000) / 3.241_435_769_133_475_6 - 1) < 0.005)
    }

    /// Deflated Sharpe by hand on four returns +1 %, −2 %, +1 %, +3 % (one trial): deviations from
    /// the mean 0.0075 are 0.0025, −0.0275, 0.0025, 0.0225, so m₂ = 3.1875e-4, m₃ = −2.34375e-6,
    /// m₄ = 2.0707e-7: skewness −0.41185, kurtosis 2.03806; SR = 0.0075 ÷ √4.25e-4 = 0.363803;
    /// z = SR √3 ÷ √(1 − γ₃ SR + (γ₄ − 1) ÷ 4 × SR²) = 0.579054; Φ(z) = 0.718723.
    @Test func deflatedSharpeByHand() {
        let returns = [0.01, -0.02, 0.01, 0.03]
        #expect(Self.close(ReturnStatistics.skewness(of: returns), -0.411_847_083_537_650_15))
        #expect(Self.close(ReturnStatistics.kurtosis(of: returns), 2.038_062_283_737_024_6))
        #expect(Self.close(ReturnStatistics.deflatedSharpe(of: returns, trials: 1), 0.718_723_485_647_809_1))
        // More trials raise the bar: the probability falls.
        #expect(ReturnStatistics.deflatedSharpe(of: returns, trials: 100)! < 0.718_723_485_647_809_1)
    }
}
