import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

struct WalkForwardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk-forward",
        abstract: "Choose parameters in sample, run them locked out of sample, window after window; stitch the out-of-sample record.",
        discussion: """
            Over the scenario's period, each window runs every grid point (--set, as in sweep) on \
            its training span, keeps the best by --select, and runs that point on the test span \
            that follows (after --embargo). The test spans' returns are stitched into one \
            out-of-sample equity curve with its Sharpe, Sortino, drawdown and CVaR. Rolling windows \
            keep the training length; --expanding keeps the first start. Each run sees only its own \
            span's inputs, so nothing from a test span can leak into its choice (docs/evaluation.md).
            Made for scenarios on recorded data (daily bars, tick files): a synthetic feed draws \
            a new market for every span.

            Example:
              metronome walk-forward sp500-2008 --train 30d --test 14d --set sizer.kelly_fraction=0.1,0.25,0.5 \\
                  --set gate.max_gross=0.25,0.5 --select sharpe
            """)

    @Argument(help: "Scenario file or library name.")
    var scenario: String

    @Option(help: "Training span of each window (e.g. 60d, 2h).")
    var train: String

    @Option(help: "Test span of each window.")
    var test: String

    @Option(help: "How far each window moves (default: the test span, so test spans tile).")
    var step: String?

    @Option(help: "Gap between a training span's end and its test span's start (default 0).")
    var embargo: String = "0s"

    @Flag(help: "Expanding windows: every training span starts at the scenario's start.")
    var expanding = false

    @Option(name: [.customLong("set"), .customLong("grid")],
            help: ArgumentHelp("An axis of the parameter grid: a scenario key and its values (repeatable).", valueName: "KEY=V1,V2,…"))
    var sets: [String] = []

    @Option(help: "Choose by this in-sample figure: sharpe, sortino, pnl, calmar, deflated_sharpe, max_drawdown.")
    var select: String = "sharpe"

    @Option(help: "Override the scenario's root seed.")
    var seed: UInt64?

    @Option(help: "Write the windows, choices and stitched record as JSON here.")
    var json: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let (loaded, path, baseText) = try ScenarioArgument.loadWithText(scenario)
        guard let metric = SweepMetric(rawValue: select) else {
            throw CommandFailure.badInput("metronome: error: --select expects one of \(SweepMetric.allCases.map(\.rawValue).joined(separator: ", ")), found '\(select)'")
        }
        if let json { try ReportFile.checkWritable(json, option: "--json") }
        let trainSpan = try Self.duration(train, "--train"), testSpan = try Self.duration(test, "--test")
        var stepSpan = testSpan
        if let step { stepSpan = try Self.duration(step, "--step") }
        let embargoSpan = try Self.duration(embargo, "--embargo", allowZero: true)
        if let synthetic = loaded.feeds.first(where: { $0.dataPath == nil }) {
            throw CommandFailure.badInput("metronome: error: walk-forward needs recorded data: feed '\(synthetic.name)' is synthetic, and a synthetic feed replays the same draw from every span's start (windows would repeat one run); use tick CSV or daily-bar feeds (docs/data.md)")
        }
        let spanNanoseconds = loaded.endTime > loaded.startTime ? loaded.endTime - loaded.startTime : 0
        let windowCount = spanNanoseconds >= trainSpan + embargoSpan + testSpan ? (spanNanoseconds - trainSpan - embargoSpan - testSpan) / stepSpan + 1 : 0
        guard windowCount <= 1_000 else {
            throw CommandFailure.badInput("metronome: error: --step \(DurationText.format(stepSpan)) makes \(windowCount) windows over the scenario's \(DurationText.format(spanNanoseconds)); at most 1,000: use a longer --step")
        }
        let windows = WalkForwardWindow.windows(start: loaded.startTime, end: loaded.endTime, trainNanoseconds: trainSpan, testNanoseconds: testSpan,
                                                stepNanoseconds: stepSpan, embargoNanoseconds: embargoSpan, expanding: expanding)
        guard !windows.isEmpty else {
            throw CommandFailure.badInput("metronome: error: no window fits: train \(train) + embargo \(embargo) + test \(test) is longer than the scenario's period (\(DurationText.format(loaded.endTime - loaded.startTime)))")
        }
        let walk = try makeWalk(path: path, baseText: baseText, seed: seed ?? loaded.seed, windows: windows, metric: metric)
        var steps: [WalkForwardStep] = []
        for (index, window) in windows.enumerated() {
            if !quiet && ProgressBar.isTerminal {
                FileHandle.standardError.write(Data("\r\u{1B}[Kwalk-forward window \(index + 1)/\(windows.count) (\(walk.grid.pointCount + 1) runs each)".utf8))
            }
            do { steps.append(try walk.step(window)) } catch {
                throw CommandFailure.checkFailed("metronome: error: window \(index + 1) (\(WalkForward.span(window.trainStart, window.testEnd))) failed: \(error)")
            }
        }
        if !quiet && ProgressBar.isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let report = WalkForwardReport(scenario: path, axes: walk.grid.axes, select: metric, expanding: expanding, train: trainSpan, test: testSpan,
                                       step: stepSpan, embargo: embargoSpan, steps: steps,
                                       initialEquityMinorUnits: loaded.account.initialCashMinorUnits, calendar: loaded.metrics.calendar)
        if let json { try ReportFile.write(try report.json(), to: json) }
        if !quiet { print(report.text(currency: loaded.account.currency)) }
    }

    /// The walk's grid, every point checked before any run.
    private func makeWalk(path: String, baseText: String, seed rootSeed: UInt64, windows: [WalkForwardWindow],
                          metric: SweepMetric) throws -> WalkForward {
        let grid: SweepGrid
        do {
            grid = try SweepGrid(axes: try sets.map(SweepAxis.parse), seeds: [rootSeed])
            try SweepRunner(grid: grid, baseText: baseText, basePath: path).validate()
        } catch {
            throw CommandFailure.badInput("metronome: error: \(error)")
        }
        return WalkForward(grid: grid, baseText: baseText, basePath: path, windows: windows, metric: metric, seed: seed)
    }

    static func duration(_ text: String, _ option: String, allowZero: Bool = false) throws -> DurationNanoseconds {
        guard let value = DurationText.parse(text), allowZero || value > 0 else {
            throw CommandFailure.badInput("metronome: error: \(option) expects a duration such as 30d, 6h or 90m, found '\(text)'")
        }
        return value
    }
}
