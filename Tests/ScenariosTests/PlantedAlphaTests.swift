import Kernel
import Messages
import Scenarios
import Testing

/// The planted-alpha scenario plants something real for each of the twelve agents to find
/// (docs/agents.md): on three seeds every agent's information coefficient — the
/// correlation of its μ with what followed — is above 0, and so is the blend's. The full
/// 20-seed measurement with bootstrap intervals is `metronome skill planted-alpha` (in docs).
@Suite struct PlantedAlphaTests {
    @Test func everyAgentFindsItsPlantedEdge() throws {
        let path = try #require(ScenarioLocator.resolve("planted-alpha"))
        let scenario = try ScenarioLoader.load(path: path)
        let measurement = try SkillMeasurement.measure(scenario: scenario, seeds: [1, 2, 3])
        #expect(measurement.agents.count == 12)
        for agent in measurement.agents {
            let mean = try #require(agent.mean, "\(agent.name) scored forecasts")
            #expect(mean > 0, "\(agent.name): IC \(mean), per seed \(agent.perSeed)")
        }
        let blend = try #require(measurement.blend?.mean)
        #expect(blend > 0, "blend IC \(blend)")
    }

    /// The bootstrap interval of a mean: known values give known bounds.
    @Test func theBootstrapIntervalBracketsTheMean() throws {
        let constant = try #require(SkillMeasurement.bootstrapInterval([0.2, 0.2, 0.2]))
        #expect(abs(constant.low - 0.2) < 1e-12 && abs(constant.high - 0.2) < 1e-12)
        let values = (0..<20).map { Double($0) / 100 }  // mean 0.095, standard error ≈ 0.013
        let interval = try #require(SkillMeasurement.bootstrapInterval(values))
        #expect(interval.low < 0.095 && interval.high > 0.095)
        #expect(abs((interval.high - interval.low) / (2 * 1.96) - 0.0130) < 0.002, "\(interval)")
        #expect(SkillMeasurement.bootstrapInterval([0.1]) == nil)
    }
}
