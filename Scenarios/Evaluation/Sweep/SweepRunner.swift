import Foundation
import Kernel
import Messages
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
    /// - Parameter span: more overrides after the point's (walk-forward's `start:` and `end:`).
    public func scenario(point: Int, span: String = "") throws(EvaluationError) -> Scenario {
        var scenario: Scenario
        do {
            scenario = try ScenarioOverrides.apply(overrides: grid.overridesText(of: point) + span, file: overridesFile,
                                                   to: baseText, baseFile: basePath).scenario
        } catch {
            let settings = grid.assignments(of: point).map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            // The overrides' own text is made here: its line numbers would mean nothing to the user.
            let detail = error.file.hasPrefix(overridesFile) ? error.message + (error.hint.map { "\n  hint: \($0)" } ?? "") : error.description
            throw EvaluationError("--set \(settings): \(detail)")
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
    public func validate() throws(EvaluationError) {
        try checkItemNames()
        for point in 0..<grid.pointCount { _ = try scenario(point: point) }
    }

    /// A list item named in a key must exist: overrides add an item whose name matches none, so
    /// a typo (`agents.valu.weight`) would otherwise become a new agent.
    func checkItemNames() throws(EvaluationError) {
        let base: Scenario
        do { base = try ScenarioLoader.parse(baseText, file: basePath, requireDataFiles: false) } catch { throw EvaluationError(error.description) }
        let names: [String: (what: String, names: [String])] = [
            "agents": ("agent", base.agents.map(\.name)), "feeds": ("feed", base.feeds.map(\.name)),
            "venues": ("venue", base.broker.venues.map(\.name)), "universe": ("symbol", base.universe.map(\.symbol)),
        ]
        for axis in grid.axes {
            let segments = axis.key.split(separator: ".").map(String.init)
            for (index, segment) in segments.enumerated() where index + 1 < segments.count {
                guard let list = names[segment] else { continue }
                let item = segments[index + 1]
                guard list.names.contains(item) else {
                    throw EvaluationError("--set \(axis.key): the scenario has no \(list.what) named '\(item)' (\(segment): \(list.names.joined(separator: ", ")))")
                }
            }
        }
    }

    /// Runs sweep run `index` (``SweepGrid/run(_:)``).
    public func run(_ index: Int) throws -> SweepRunResult {
        let (point, seed) = grid.run(index)
        let scenario = try scenario(point: point)
        let outcome = try ScenarioRun(scenario: scenario, options: ScenarioRun.Options(seed: seed, until: until, logLevel: .error)).run()
        return SweepRunResult(run: index, point: point, seed: seed, report: RunReport(outcome))
    }
}
