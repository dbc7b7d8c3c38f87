import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// `metronome sweep`'s parts (docs/evaluation.md): the grid and its overrides, the runs, the
/// folder that makes a sweep resumable and shardable, and the table.
@Suite struct SweepTests {
    static let oneStrategy = "Scenarios/Library/one-strategy.yaml"

    static func runner(_ sets: [String], seeds: [UInt64] = [1, 2]) throws -> SweepRunner {
        let grid = try SweepGrid(axes: try sets.map(SweepAxis.parse), seeds: seeds)
        return SweepRunner(grid: grid, baseText: try String(contentsOfFile: oneStrategy, encoding: .utf8), basePath: oneStrategy,
                           // one-strategy starts at 2024-03-01T14:30:00Z: ten minutes of it.
                           until: 1_709_303_400_000_000_000 + 600_000_000_000)
    }

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("metronome-sweep-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func anAxisIsAKeyAndItsValues() throws {
        #expect(try SweepAxis.parse("gate.max_gross=0.3, 0.5") == SweepAxis(key: "gate.max_gross", values: ["0.3", "0.5"]))
        #expect(try SweepAxis.parse("router.order_latency=1ms,2ms").values == ["1ms", "2ms"])
        for (text, expected) in [("gate.max_gross", "KEY=V1,V2"), ("gate.max_gross=", "plain numbers"),
                                 ("gate.max_gross=0.3,0.3", "appears twice"), ("agents=1", "is a list"),
                                 ("agents.value=1", "item's name and one of its keys"), ("gate..max=1", "dotted path"),
                                 ("gate.max_gross=0.3,'x y'", "plain numbers")] {
            #expect(throws: EvaluationError.self, "\(text)") { try SweepAxis.parse(text) }
            do { _ = try SweepAxis.parse(text) } catch { #expect("\(error)".contains(expected), "\(text): \(error)") }
        }
    }

    @Test func theGridIsRowMajorAndSeedsVaryFastest() throws {
        let grid = try SweepGrid(axes: [SweepAxis(key: "a.x", values: ["1", "2"]), SweepAxis(key: "b.y", values: ["p", "q", "r"])],
                                 seeds: [7, 9])
        #expect(grid.pointCount == 6 && grid.runCount == 12)
        #expect(grid.assignments(of: 4).map { "\($0.key)=\($0.value)" } == ["a.x=2", "b.y=q"])
        #expect(grid.run(0) == (0, 7) && grid.run(1) == (0, 9) && grid.run(9) == (4, 9))
        #expect(throws: EvaluationError.self) { try SweepGrid(axes: [SweepAxis(key: "a.x", values: ["1"]), SweepAxis(key: "a.x", values: ["2"])], seeds: [1]) }
        #expect(throws: EvaluationError.self) { try SweepGrid(axes: [], seeds: []) }
    }

    @Test func shardsAreDisjointAndCoverEveryRun() throws {
        let grid = try SweepGrid(axes: [SweepAxis(key: "a.x", values: ["1", "2", "3"])], seeds: [1, 2, 3, 4, 5])
        let shards = (1...4).map { grid.runs(shard: $0, of: 4) }
        #expect(shards.flatMap { $0 }.sorted() == Array(0..<15))
        #expect(Set(shards.flatMap { $0 }).count == 15)
        #expect(shards[1] == [1, 5, 9, 13])
    }

    @Test func aPointsOverridesNestAndNameListItems() throws {
        let grid = try SweepGrid(axes: [try SweepAxis.parse("gate.max_gross=0.3"), try SweepAxis.parse("agents.value.weight=0.05"),
                                        try SweepAxis.parse("broker.venues.lit.taker_fee_bps=0.3"), try SweepAxis.parse("agents.value.enabled=false"),
                                        try SweepAxis.parse("universe.ACME.lot_size=10")], seeds: [1])
        #expect(grid.overridesText(of: 0) == """
            gate:
              max_gross: 0.3
            broker:
              venues:
                - name: lit
                  taker_fee_bps: 0.3
            agents:
              - name: value
                weight: 0.05
                enabled: false
            universe:
              - symbol: ACME
                lot_size: 10

            """)
    }

    @Test func aPointsScenarioHasItsValuesAndCountsTheGridAsTrials() throws {
        let runner = try Self.runner(["agents.technical.fast=20,60", "trader.quantity=1,2"])
        let scenario = try runner.scenario(point: 3)
        #expect(scenario.agents[0].name == "technical")
        #expect(scenario.trader.quantity == 2)
        #expect(scenario.metrics.trials == 4)
        #expect(throws: EvaluationError.self) { try Self.runner(["agents.technical.fastt=20"]).validate() }
        do {
            try Self.runner(["agents.technical.fastt=20"]).validate()
        } catch {
            #expect("\(error)".contains("--set agents.technical.fastt=20: unknown key 'fastt'"))
            #expect("\(error)".contains("did you mean 'fast'"))
            #expect(!"\(error)".contains("--set:"), "no line numbers of text the user never wrote")
        }
    }

    /// Runs every pending run of `runs` into the folder, as the command does.
    static func sweep(_ runner: SweepRunner, in directory: String, runs: [Int]? = nil) throws -> (table: SweepTable, ran: Int) {
        let store = SweepStore(directory: directory, manifest: SweepStore.manifest(scenarioPath: oneStrategy, text: runner.baseText,
                                                                                   until: "10m", grid: runner.grid))
        try store.prepare()
        var ran = 0
        for index in runs ?? Array(0..<runner.grid.runCount) where store.result(index) == nil {
            try store.save(try runner.run(index))
            ran += 1
        }
        let (results, missing) = store.collect()
        return (SweepTable(manifest: store.manifest, results: results, missing: missing, metric: .pnl), ran)
    }

    @Test func aSweepResumesShardsAndGivesTheSameTableEveryWay() throws {
        let runner = try Self.runner(["agents.technical.fast=20,60"])
        let whole = try Self.temporaryDirectory(), sharded = try Self.temporaryDirectory()
        let first = try Self.sweep(runner, in: whole)
        #expect(first.ran == 4 && first.table.missing_runs.isEmpty)
        #expect(first.table.runs.map(\.seed) == [1, 2, 1, 2])
        #expect(Set(first.table.runs.map(\.digest)).count == 4, "each point and seed is its own run")
        // Resumed: nothing runs again; a lost result and a damaged one run again, and nothing changes.
        #expect(try Self.sweep(runner, in: whole).ran == 0)
        try FileManager.default.removeItem(atPath: whole + "/runs/run-2.json")
        try Data("{\"run\": 3".utf8).write(to: URL(fileURLWithPath: whole + "/runs/run-3.json"))
        let resumed = try Self.sweep(runner, in: whole)
        #expect(resumed.ran == 2)
        #expect(try resumed.table.json() == first.table.json())
        // Two shards into one folder: the same table; one shard alone names what is missing.
        let half = try Self.sweep(runner, in: sharded, runs: runner.grid.runs(shard: 1, of: 2))
        #expect(half.table.missing_runs == [1, 3])
        #expect(half.table.text(currency: "EUR").contains("2 runs missing"))
        let both = try Self.sweep(runner, in: sharded, runs: runner.grid.runs(shard: 2, of: 2))
        #expect(try both.table.json() == first.table.json())
    }

    @Test func bootstrapIntervalsGoIntoEveryRunAndThePointsMeans() throws {
        let plain = try Self.runner(["agents.technical.fast=20"], seeds: [1, 2])
        let runner = SweepRunner(grid: plain.grid, baseText: plain.baseText, basePath: plain.basePath, until: plain.until,
                                 bootstrapResamples: 100)
        #expect(try runner.scenario(point: 0).metrics.bootstrapResamples == 100)
        let results = try [runner.run(0), runner.run(1)]
        let intervals = try results.map { try #require($0.bootstrap?.sharpe) }
        let manifest = SweepStore.manifest(scenarioPath: Self.oneStrategy, text: runner.baseText, until: "10m", grid: runner.grid, bootstrap: 100)
        let table = SweepTable(manifest: manifest, results: results, missing: [], metric: .sharpe)
        let mean = try #require(table.points[0].sharpe_interval_mean)
        #expect(abs(mean[0] - (intervals[0][0] + intervals[1][0]) / 2) < 1e-12)
        #expect(abs(mean[1] - (intervals[0][1] + intervals[1][1]) / 2) < 1e-12)
        #expect(table.text(currency: "EUR").contains("Sharpe 95 % (mean)"))
        #expect(manifest != SweepStore.manifest(scenarioPath: Self.oneStrategy, text: runner.baseText, until: "10m", grid: runner.grid),
                "a sweep with intervals is another sweep")
    }

    /// An `end:` override replaces a scenario given by `duration:` (and the other way round), so a
    /// walk-forward span applies to every library scenario.
    @Test func aPeriodOverrideReplacesTheOtherPeriodKey() throws {
        let text = try String(contentsOfFile: Self.oneStrategy, encoding: .utf8)
        #expect(text.contains("\nduration: 6h30m\n"))
        let (ended, endedText) = try ScenarioOverrides.apply(overrides: "start: 2024-03-01T15:00:00Z\nend: 2024-03-01T16:00:00Z\n",
                                                             file: "o.yaml", to: text, baseFile: Self.oneStrategy)
        #expect(ended.endTime - ended.startTime == 3_600_000_000_000)
        let lasting = try ScenarioOverrides.apply(overrides: "duration: 2h\n", file: "o.yaml", to: endedText, baseFile: Self.oneStrategy).scenario
        #expect(lasting.endTime - lasting.startTime == 7_200_000_000_000)
        #expect(throws: ScenarioError.self) {
            try ScenarioOverrides.apply(overrides: "duration: 2h\nend: 2024-03-01T16:00:00Z\n", file: "o.yaml", to: text, baseFile: Self.oneStrategy)
        }
    }

    @Test func aListItemNamedInAKeyMustExist() throws {
        #expect { try Self.runner(["agents.technicl.fast=20"]).validate() }
            throws: { "\($0)".contains("no agent named 'technicl' (agents: technical)") }
        #expect { try Self.runner(["universe.ACMEE.lot_size=2"]).validate() } throws: { "\($0)".contains("no symbol named 'ACMEE'") }
        try Self.runner(["agents.technical.fast=20"]).validate()
    }

    @Test func aFolderHoldingAnotherSweepIsRefused() throws {
        let directory = try Self.temporaryDirectory()
        _ = try Self.sweep(try Self.runner(["agents.technical.fast=20"], seeds: [1]), in: directory)
        #expect { _ = try Self.sweep(try Self.runner(["agents.technical.fast=30"], seeds: [1]), in: directory) }
            throws: { "\($0)".contains("holds another sweep") }
    }

    static func result(run: Int, point: Int, sharpe: Double?, drawdown: Double) -> SweepRunResult {
        let json = """
            {"run": \(run), "point": \(point), "seed": 1, "pnl": "0.00", "final_equity": "500.00", \(sharpe.map { "\"sharpe\": \($0)," } ?? "")
             "max_drawdown": \(drawdown), "orders": 0, "fills": 0, "kill_switch_engaged": false, "stop_reason": "end",
             "digest": "0", "decision_digest": "0"}
            """
        return try! JSONDecoder().decode(SweepRunResult.self, from: Data(json.utf8))
    }

    @Test func theBestPointFollowsTheMetricsDirectionAndTiesGoToTheFirst() throws {
        let grid = try SweepGrid(axes: [SweepAxis(key: "gate.max_gross", values: ["0.1", "0.2", "0.3"])], seeds: [1])
        let manifest = SweepStore.manifest(scenarioPath: "x.yaml", text: "", until: nil, grid: grid)
        let results = [Self.result(run: 0, point: 0, sharpe: 1.5, drawdown: 0.02), Self.result(run: 1, point: 1, sharpe: 1.5, drawdown: 0.01),
                       Self.result(run: 2, point: 2, sharpe: nil, drawdown: 0.03)]
        #expect(SweepTable(manifest: manifest, results: results, missing: [], metric: .sharpe).best_point == 0)
        #expect(SweepTable(manifest: manifest, results: results, missing: [], metric: .maxDrawdown).best_point == 1)
        let table = SweepTable(manifest: manifest, results: results, missing: [], metric: .sharpe)
        #expect(table.points[2].sharpe_mean == nil)
        #expect(table.text(currency: "EUR").contains("← best sharpe"))
        #expect(table.csv().split(separator: "\n").count == 4)
    }
}
