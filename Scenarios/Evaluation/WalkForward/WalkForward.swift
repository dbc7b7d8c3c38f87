import Actors
import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioRunning

/// Walk-forward evaluation: over successive windows, the grid point with the best in-sample figure
/// is chosen on the training span, then run with its parameters locked on the test span that
/// follows; the test spans' returns are stitched into one out-of-sample record.
///
/// No information crosses from a test span into its choice: each run sees only its own span's
/// inputs (the scenario's `start` and `end` are set to the span), so a forecast made in training
/// can never be scored on test prices (purging is structural), and `embargo` leaves a gap between
/// the two for dependence that outlives a horizon.
public struct WalkForward: Sendable {
    public let grid: SweepGrid
    public let baseText: String
    public let basePath: String
    public let windows: [WalkForwardWindow]
    public let metric: SweepMetric
    public let seed: UInt64?

    public init(grid: SweepGrid, baseText: String, basePath: String, windows: [WalkForwardWindow], metric: SweepMetric, seed: UInt64? = nil) {
        self.grid = grid
        self.baseText = baseText
        self.basePath = basePath
        self.windows = windows
        self.metric = metric
        self.seed = seed
    }

    /// A run of grid point `point` over [from, to).
    public func run(point: Int, from: Timestamp, to: Timestamp) throws -> (result: SweepRunResult, returns: [Double], currency: String) {
        // The span replaces the scenario's own period (an `end:` override drops a `duration:`).
        let span = "start: \(TimeUnits.iso8601(from))\nend: \(TimeUnits.iso8601(to))\n"
        let scenario = try SweepRunner(grid: grid, baseText: baseText, basePath: basePath).scenario(point: point, span: span)
        let outcome = try ScenarioRun(scenario: scenario, options: ScenarioRun.Options(seed: seed, logLevel: .error)).run()
        let series = outcome.series
        let closes = ReturnBasis.dailyCloses(sampleTimes: series.sampleTimes, equitiesMinorUnits: series.equityMinorUnits,
                                             calendar: scenario.metrics.calendar)
        let basis = closes.count >= 2 ? closes : series.equityMinorUnits
        let returns = PerformanceMetrics.simpleReturns(initialEquityMinorUnits: series.initialEquityMinorUnits, equitySamplesMinorUnits: basis)
        return (SweepRunResult(run: 0, point: point, seed: outcome.summary.seed, report: RunReport(outcome)), returns, scenario.account.currency)
    }

    /// Runs one window: every point on the training span, the best on the test span.
    public func step(_ window: WalkForwardWindow) throws -> WalkForwardStep {
        var inSample: [Double?] = []
        for point in 0..<grid.pointCount {
            inSample.append(metric.value(of: try run(point: point, from: window.trainStart, to: window.trainEnd).result))
        }
        let chosen = Self.best(inSample, higherIsBetter: metric.higherIsBetter)
        let test = try run(point: chosen, from: window.testStart, to: window.testEnd)
        return WalkForwardStep(window: window, train: Self.span(window.trainStart, window.trainEnd), test: Self.span(window.testStart, window.testEnd),
                               in_sample: inSample, chosen_point: chosen,
                               chosen: grid.assignments(of: chosen).map { "\($0.key)=\($0.value)" },
                               out_of_sample: test.result, out_of_sample_returns: test.returns)
    }

    /// The best defined value's index (the first on ties); point 0 when none is defined.
    static func best(_ values: [Double?], higherIsBetter: Bool) -> Int {
        var chosen: Int?
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            if let current = chosen, let best = values[current],
               higherIsBetter ? value <= best : value >= best { continue }
            chosen = index
        }
        return chosen ?? 0
    }

    public static func span(_ from: Timestamp, _ to: Timestamp) -> String {
        "\(TimeUnits.iso8601(from).prefix(10)) → \(TimeUnits.iso8601(to).prefix(10))"
    }
}
