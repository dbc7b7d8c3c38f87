import Foundation
import Kernel
import ScenarioDefinition
import ScenarioRunning

/// Runs the runs of a sweep: the base scenario with a grid point's overrides merged in, under one
/// seed, to its end (or `until`). The same spec gives the same result on every machine.
public struct SweepRunner: Sendable {
    public let grid: SweepGrid
    /// The scenario file's text and path: each grid point's overrides merge into it.
    public let baseText: String
    public let basePath: String
    public let until: Timestamp?
    /// Bootstrap resamples for each run's 95 % intervals (0: none).
    public let bootstrapResamples: Int

    public init(grid: SweepGrid, baseText: String, basePath: String, until: Timestamp? = nil, bootstrapResamples: Int = 0) {
        self.grid = grid
        self.baseText = baseText
        self.basePath = basePath
        self.until = until
        self.bootstrapResamples = bootstrapResamples
    }

    /// The scenario of a grid point, checked as strictly as a scenario file: a bad key or value
    /// names the `--set` it came from. The deflated Sharpe ratio counts the grid's points as
    /// trials (a scenario that already counts more keeps its own).
    public func scenario(point: Int) throws(SweepError) -> Scenario {
        var scenario: Scenario
        do {
            scenario = try ScenarioOverrides.apply(overrides: grid.overridesText(of: point), file: overridesFile,
                                                   to: baseText, baseFile: basePath).scenario
        } catch {
            let settings = grid.assignments(of: point).map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            // The overrides' own text is made here: its line numbers would mean nothing to the user.
            let detail = error.file.hasPrefix(overridesFile) ? error.message + (error.hint.map { "\n  hint: \($0)" } ?? "") : error.description
            throw SweepError("--set \(settings): \(detail)")
        }
        scenario.metrics.trials = max(scenario.metrics.trials, grid.pointCount)
        if bootstrapResamples > 0 { scenario.metrics.bootstrapResamples = bootstrapResamples }
        return scenario
    }

    /// What the overrides are called in errors: a name in the scenario's folder, so that the data
    /// paths of the merged scenario stay relative to the scenario file.
    public var overridesFile: String {
        URL(fileURLWithPath: basePath).deletingLastPathComponent().appendingPathComponent("--set").path
    }

    /// Checks every grid point's scenario before any run starts, so that a typo in the last value
    /// of an axis does not surface after hours of runs.
    public func validate() throws(SweepError) {
        for point in 0..<grid.pointCount { _ = try scenario(point: point) }
    }

    /// Runs sweep run `index` (``SweepGrid/run(_:)``).
    public func run(_ index: Int) throws -> SweepRunResult {
        let (point, seed) = grid.run(index)
        let scenario = try scenario(point: point)
        let outcome = try ScenarioRun(scenario: scenario, options: ScenarioRun.Options(seed: seed, until: until, logLevel: .error)).run()
        return SweepRunResult(run: index, point: point, seed: seed, report: RunReport(outcome))
    }
}
