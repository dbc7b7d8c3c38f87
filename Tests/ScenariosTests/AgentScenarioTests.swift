import Kernel
import Messages
import Scenarios
import Testing

/// The alternative-data agents find the relationship the synthetic feed plants.
@Suite struct AgentScenarioTests {
    static let text = """
        version: 1
        name: agents
        seed: 12
        start: 2024-03-04T14:30:00Z
        duration: 5d
        universe:
          - { symbol: A, sector: s1 }
          - { symbol: B, sector: s1 }
          - { symbol: C, sector: s2 }
          - { symbol: D, sector: s2 }
        feeds:
          - type: synthetic
            interval: 1m
            volatility: 0.2
            initial_price: 100.00
            sector_correlation: 0.3
            market_correlation: 0.1
            alternative_data:
              publish_interval: 1m
              alpha_strength: 5
              sentiment_noise: 1.0
        agents:
          - { name: sentiment, type: sentiment, horizon: 30m }
          - { name: flows, type: money-flows, horizon: 30m }
          - { name: insider, type: insider, horizon: 30m }
          - { name: value, type: value, horizon: 1d }
          - { name: macro, type: macro, horizon: 30m }
          - { name: flow, type: flow, horizon: 30m }
          - { name: momentum, type: top-performers, horizon: 30m }
        trader:
          follow: sentiment
        """

    @Test func sentimentAndFlowAgentsBeatACoinFlip() throws {
        let scenario = try ScenarioLoader.parse(AgentScenarioTests.text, file: "agents.yaml")
        let run = try ScenarioRun(scenario: scenario)
        let outcome = try run.run()
        #expect(run.featureAgents.count == 7)
        for agent in run.featureAgents { #expect(agent.signalsEmitted() > 0) }
        let sentimentHitRate = try #require(run.featureAgents[0].hitRate())
        let flowHitRate = try #require(run.featureAgents[1].hitRate())
        #expect(sentimentHitRate > 0.53, "sentiment hit rate \(sentimentHitRate)")
        #expect(flowHitRate > 0.53, "flow hit rate \(flowHitRate)")
        #expect(outcome.orders > 0, "the trader follows the sentiment agent")
        #expect(outcome.blender == nil)
        let report = RunReport(outcome)
        #expect(report.agents.map(\.name) == ["sentiment", "flows", "insider", "value", "macro", "flow", "momentum"])
        #expect(report.agents[0].id == 1 && report.agents[0].signals > 0)
        #expect((report.agents[0].informationCoefficient ?? 0) > 0, "sentiment's μ correlates with what happened")
        let json = String(decoding: try report.json(), as: UTF8.self)
        #expect(json.contains("\"hit_rate\"") && json.contains("\"ic\""))
    }

    /// With a blender, the trader follows its forecasts; the report carries its calibration.
    @Test func blenderForecastsAndCalibrates() throws {
        let text = AgentScenarioTests.text.replacingOccurrences(of: "trader:\n  follow: sentiment", with: "blender:\n  horizon: 30m\n  learning_rate: 0.05")
        let scenario = try ScenarioLoader.parse(text, file: "agents.yaml")
        #expect(scenario.blender != nil && scenario.trader.followsForecasts)
        let outcome = try ScenarioRun(scenario: scenario).run()
        let blender = try #require(outcome.blender)
        #expect(blender.forecasts > 1_000)
        #expect(blender.scored > 1_000)
        let ece = try #require(blender.expectedCalibrationError)
        #expect(ece >= 0 && ece < 0.5)
        #expect(abs(blender.weights.reduce(0, +) - 1) < 1e-9)
        #expect(outcome.orders > 0, "the trader follows the blended forecasts")
        let json = String(decoding: try RunReport(outcome).json(), as: UTF8.self)
        #expect(json.contains("\"ece\""))
    }
}

@Suite struct SelectorScenarioTests {
    static func text(lambda: Double, exploration: Double) -> String {
        """
        version: 1
        name: selector
        seed: 4
        start: 2024-03-04T14:30:00Z
        duration: 6h
        universe:
          - { symbol: A, sector: s1 }
          - { symbol: B, sector: s1 }
          - { symbol: C, sector: s1 }
          - { symbol: D, sector: s2 }
          - { symbol: E, sector: s2 }
          - { symbol: F, sector: s3 }
        feeds:
          - type: synthetic
            interval: 10s
            volatility: 0.3
            initial_price: 50.00
            sector_correlation: 0.8
            market_correlation: 0.1
            alternative_data: { publish_interval: 1m, alpha_strength: 3 }
        agents:
          - { name: sentiment, type: sentiment }
          - { name: flows, type: money-flows }
        blender: { horizon: 30m }
        selector: { count: 3, lambda: \(lambda), interval: 1m, exploration: \(exploration), correlation_window: 100 }
        """
    }

    @Test func diversificationReducesSlateCorrelation() throws {
        let scenario = try ScenarioLoader.parse(SelectorScenarioTests.text(lambda: 0.5, exploration: 0.03), file: "selector.yaml")
        #expect(scenario.trader.followsSlates)
        let outcome = try ScenarioRun(scenario: scenario).run()
        let selector = try #require(outcome.selector)
        #expect(selector.slates > 200)
        #expect(selector.topKAveragePairCorrelation > 0.1, "top-K picks correlated names in this market")
        let reduction = try #require(selector.correlationReduction)
        #expect(reduction >= 0.3, "the penalty removes at least 30 % of top-K's correlation, got \(reduction)")
        #expect(selector.explorations > 0)
        #expect(outcome.orders > 0)
    }

    @Test func lambdaZeroWithoutExplorationIsPlainTopK() throws {
        let scenario = try ScenarioLoader.parse(SelectorScenarioTests.text(lambda: 0, exploration: 0), file: "selector.yaml")
        let selector = try #require(try ScenarioRun(scenario: scenario).run().selector)
        #expect(selector.slates > 200)
        #expect(abs(selector.selectedAveragePairCorrelation - selector.topKAveragePairCorrelation) < 1e-12)
        #expect(selector.explorations == 0)
    }

    /// Every published slate counts, single-pick slates included (they drive the trades just the
    /// same); only slates with a pair enter the correlation averages.
    @Test func singlePickSlatesAreCounted() throws {
        let text = SelectorScenarioTests.text(lambda: 0.5, exploration: 0.03).replacingOccurrences(of: "count: 3,", with: "count: 1,")
        let outcome = try ScenarioRun(scenario: try ScenarioLoader.parse(text, file: "selector.yaml")).run()
        let selector = try #require(outcome.selector)
        #expect(selector.slates > 200)
        #expect(selector.measuredSlates == 0, "a single pick has no pair to correlate")
        #expect(selector.correlationReduction == nil)
        #expect(outcome.orders > 0, "the slates drove the trades")
        let triple = try #require(try ScenarioRun(scenario: try ScenarioLoader.parse(SelectorScenarioTests.text(lambda: 0.5, exploration: 0.03),
                                                                                        file: "selector.yaml")).run().selector)
        #expect(triple.slates == selector.slates, "one slate per interval with candidates, whatever its size")
        #expect(triple.measuredSlates > 0 && triple.measuredSlates <= triple.slates)
    }

    @Test func aSelectorNeedsABlender() {
        let text = SelectorScenarioTests.text(lambda: 0.5, exploration: 0).replacingOccurrences(of: "blender: { horizon: 30m }\n", with: "")
        #expect {
            _ = try ScenarioLoader.parse(text, file: "selector.yaml")
        } throws: { "\($0)".contains("a selector needs a blender") }
    }
}
