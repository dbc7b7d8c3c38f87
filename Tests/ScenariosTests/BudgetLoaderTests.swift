import Kernel
import Messages
import Scenarios
import Testing

/// The `budgets:` section: what it reads, and where it points when it is wrong.
@Suite struct BudgetLoaderTests {
    static func scenario(budgets: String, withExecutionSide: Bool = false) -> String {
        var text = """
            version: 1
            name: budgets
            start: 2024-03-01T14:30:00Z
            duration: 1h
            universe:
              - { symbol: ACME }
            feeds:
              - { type: gbm, interval: 1s, initial_price: 100.00 }
            agents:
              - { type: ema-cross }

            """
        if withExecutionSide { text += "blender: {}\nsizer: {}\n" }
        return text + "budgets:\n" + budgets
    }

    func error(_ text: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.parse(text, file: "b.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func budgetsAreReadPerClockAndStage() throws {
        let text = BudgetLoaderTests.scenario(budgets: """
              simulated:
                broker: { p50: 2ms, p99: 5ms, max: 1s }
                tick_to_order: { p999: 30s }
              wall:
                agents: { p99: 20us, p999: 100us }
            """)
        let budgets = try #require(try ScenarioLoader.parse(text, file: "b.yaml").budgets)
        #expect(budgets.simulated(.broker) == PercentileBudget(p50Nanoseconds: 2_000_000, p99Nanoseconds: 5_000_000, maxNanoseconds: 1_000_000_000))
        #expect(budgets.simulated(.tickToOrder) == PercentileBudget(p999Nanoseconds: 30_000_000_000))
        #expect(budgets.wall(.agents) == PercentileBudget(p99Nanoseconds: 20_000, p999Nanoseconds: 100_000))
        #expect(budgets.simulated(.agents) == nil && budgets.wall(.broker) == nil)
        #expect(try ScenarioLoader.parse(BudgetLoaderTests.scenario(budgets: "").replacingOccurrences(of: "budgets:\n", with: ""), file: "b.yaml").budgets == nil)
    }

    @Test func theLibraryCalmDayCarriesBudgetsOnBothClocks() throws {
        let scenario = try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve("calm-day")))
        let budgets = try #require(scenario.budgets)
        #expect(budgets.simulated(.broker) != nil && budgets.simulated(.tickToOrder) != nil)
        #expect(budgets.wall(.agents) != nil && budgets.wall(.tickToOrder) != nil)
    }

    @Test func mistakesAreLocatedWithAHint() throws {
        let unknownStage = try #require(error(BudgetLoaderTests.scenario(budgets: "  wall:\n    brokr: { p99: 1ms }\n")))
        #expect(unknownStage.line == 13 && unknownStage.column == 5)
        #expect(unknownStage.message == "unknown key 'brokr' in 'budgets.wall'" && unknownStage.hint?.contains("did you mean 'broker'") == true)

        let unknownClock = try #require(error(BudgetLoaderTests.scenario(budgets: "  wal: { broker: { p99: 1ms } }\n")))
        #expect(unknownClock.line == 12 && unknownClock.hint?.contains("did you mean 'wall'") == true)

        let unknownPercentile = try #require(error(BudgetLoaderTests.scenario(budgets: "  wall:\n    broker: { p99.9: 1ms }\n")))
        #expect(unknownPercentile.message.contains("unknown key 'p99.9'") && unknownPercentile.hint?.contains("did you mean 'p999'") == true)

        let backwards = try #require(error(BudgetLoaderTests.scenario(budgets: "  simulated:\n    broker: { p50: 5ms, p99: 2ms }\n")))
        #expect(backwards.line == 13 && backwards.column == 30)
        #expect(backwards.message == "budgets.simulated.broker.p99 (2ms) is below p50 (5ms)" && backwards.hint?.contains("p50 ≤ p99 ≤ p999 ≤ max") == true)

        let absent = try #require(error(BudgetLoaderTests.scenario(budgets: "  simulated:\n    sizer: { p99: 1ms }\n")))
        #expect(absent.message == "budgets.simulated.sizer: this scenario has no sizer stage")
        #expect(absent.hint == "its stages: feeds, agents, trader, broker, portfolio, tick_to_order")
        // With an execution side the sizer is there, and the simple trader is not.
        #expect(error(BudgetLoaderTests.scenario(budgets: "  simulated:\n    sizer: { p99: 1ms }\n", withExecutionSide: true)) == nil)
        #expect(error(BudgetLoaderTests.scenario(budgets: "  simulated:\n    trader: { p99: 1ms }\n", withExecutionSide: true))?.message.contains("no trader stage") == true)

        let zeroWall = try #require(error(BudgetLoaderTests.scenario(budgets: "  wall:\n    broker: { p99: 0 }\n")))
        #expect(zeroWall.message.contains("budgets.wall.broker.p99 must be positive"))
        #expect(error(BudgetLoaderTests.scenario(budgets: "  simulated:\n    blender: { max: 0 }\n", withExecutionSide: true)) == nil,
                "a simulated budget of 0 is fine: the blender is instantaneous in simulated time")

        let notDuration = try #require(error(BudgetLoaderTests.scenario(budgets: "  wall:\n    broker: { p99: fast }\n")))
        #expect(notDuration.message.contains("budgets.wall.broker.p99 must be a duration"))

        let empty = try #require(error(BudgetLoaderTests.scenario(budgets: "  wall:\n    broker: {}\n")))
        #expect(empty.message == "budgets.wall.broker sets no limit")
        let noClock = try #require(error(BudgetLoaderTests.scenario(budgets: "  {}\n")))
        #expect(noClock.message.contains("needs a simulated: or a wall: section"))
    }

    /// Budgets only observe: the same scenario with and without them runs to the same digests.
    @Test func budgetsDoNotChangeTheRun() throws {
        let with = try ScenarioLoader.parse(BudgetLoaderTests.scenario(budgets: "  simulated:\n    broker: { p99: 5ms }\n"), file: "b.yaml")
        var without = with
        without.budgets = nil
        let options = ScenarioRun.Options(until: with.startTime + 600_000_000_000)
        let a = try ScenarioRun(scenario: with, options: options).run()
        let b = try ScenarioRun(scenario: without, options: options).run()
        #expect(a.summary.digest == b.summary.digest && a.summary.decisionDigest == b.summary.decisionDigest)
    }
}
