import Actors
import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// `metronome walk-forward` (docs/evaluation.md): the windows, the in-sample choice, the locked
/// out-of-sample run and the stitched record.
@Suite struct WalkForwardTests {
    static let day: UInt64 = 86_400_000_000_000

    @Test func rollingWindowsTileTheTestSpansAndStopAtTheEnd() {
        let windows = WalkForwardWindow.windows(start: 0, end: 100 * Self.day, trainNanoseconds: 30 * Self.day, testNanoseconds: 20 * Self.day,
                                                stepNanoseconds: 20 * Self.day, embargoNanoseconds: 2 * Self.day, expanding: false)
        #expect(windows.map { $0.trainStart / Self.day } == [0, 20, 40])
        #expect(windows.map { $0.trainEnd / Self.day } == [30, 50, 70])
        #expect(windows.map { $0.testStart / Self.day } == [32, 52, 72])
        #expect(windows.map { $0.testEnd / Self.day } == [52, 72, 92])
    }

    @Test func expandingWindowsKeepTheFirstStart() {
        let windows = WalkForwardWindow.windows(start: 5 * Self.day, end: 65 * Self.day, trainNanoseconds: 20 * Self.day, testNanoseconds: 10 * Self.day,
                                                stepNanoseconds: 10 * Self.day, embargoNanoseconds: 0, expanding: true)
        #expect(windows.map { $0.trainStart / Self.day } == [5, 5, 5, 5])
        #expect(windows.map { $0.trainEnd / Self.day } == [25, 35, 45, 55])
        #expect(windows.last?.testEnd == 65 * Self.day)
        #expect(WalkForwardWindow.windows(start: 0, end: 10 * Self.day, trainNanoseconds: 10 * Self.day, testNanoseconds: Self.day,
                                          stepNanoseconds: Self.day, embargoNanoseconds: 0, expanding: false).isEmpty)
    }

    @Test func theStitchedRecordCompoundsTheTestSpansReturns() throws {
        let grid = try SweepGrid(axes: [], seeds: [1])
        func step(_ returns: [Double]) throws -> WalkForwardStep {
            let json = """
                {"run": 0, "point": 0, "seed": 1, "pnl": "0.00", "final_equity": "0.00", "max_drawdown": 0, "orders": 0, "fills": 0,
                 "kill_switch_engaged": false, "stop_reason": "end", "digest": "0", "decision_digest": "0", "sharpe": 1.0}
                """
            return WalkForwardStep(window: WalkForwardWindow(trainStart: 0, trainEnd: 1, testStart: 1, testEnd: 2), train: "", test: "",
                                   in_sample: [2.0], chosen_point: 0, chosen: [],
                                   out_of_sample: try JSONDecoder().decode(SweepRunResult.self, from: Data(json.utf8)),
                                   out_of_sample_returns: returns)
        }
        let report = WalkForwardReport(scenario: "x", axes: grid.axes, select: .sharpe, expanding: false, train: 30 * Self.day, test: 10 * Self.day,
                                       step: 10 * Self.day, embargo: 0, steps: [try step([0.1, -0.05]), try step([0.02])],
                                       initialEquityMinorUnits: 100_000, calendar: TradingCalendar())
        // 1,000.00 × 1.1 × 0.95 × 1.02 = 1,065.90
        #expect(report.stitched.equity == ["1100.00", "1045.00", "1065.90"])
        #expect(report.stitched.pnl == "65.90")
        #expect(report.stitched.basis == "daily")
        let sharpe = try #require(report.stitched.sharpe)
        let expected = try #require(PerformanceMetrics.sharpe(of: [0.1, -0.05, 1065.90 / 1045.0 - 1])) * 252.0.squareRoot()
        #expect(abs(sharpe - expected) < 1e-9)
        #expect(report.in_sample_mean == 2.0 && report.out_of_sample_mean == 1.0)
    }

    /// On the real 2008 data: each window's choice is the in-sample best, and its test run is the
    /// very run of that point over the test span alone (the parameters are locked, nothing else
    /// carries over).
    @Test func onRealDataTheChoiceIsInSampleAndTheTestRunIsLocked() throws {
        let path = "Scenarios/Library/sp500-2008.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let scenario = try ScenarioLoader.parse(text, file: path)
        let grid = try SweepGrid(axes: [try SweepAxis.parse("gate.max_gross=0.25,0.5")], seeds: [scenario.seed])
        let windows = WalkForwardWindow.windows(start: scenario.startTime, end: scenario.endTime, trainNanoseconds: 30 * Self.day,
                                                testNanoseconds: 30 * Self.day, stepNanoseconds: 30 * Self.day, embargoNanoseconds: Self.day,
                                                expanding: false)
        #expect(windows.count == 3)
        let walk = WalkForward(grid: grid, baseText: text, basePath: path, windows: windows, metric: .pnl)
        let step = try walk.step(windows[0])
        let values = step.in_sample.map { $0 ?? -.infinity }
        #expect(step.chosen_point == values.firstIndex(of: values.max()!))
        #expect(step.test == "2008-10-03 → 2008-11-02")
        let alone = try walk.run(point: step.chosen_point, from: windows[0].testStart, to: windows[0].testEnd)
        #expect(alone.result.digest == step.out_of_sample.digest)
        #expect(!step.out_of_sample_returns.isEmpty)
    }
}
