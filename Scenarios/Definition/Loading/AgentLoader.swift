import Actors
import Foundation
import Kernel
import Messages
import Yams

/// The `agents:` section: `ema-cross` agents forecast a number of ticks ahead, the others
/// (`technical` and the feature agents) a duration ahead. An agent's id is its position + 1.
enum AgentLoader {
    static let featureTypes = ["sentiment", "insider", "money-flows", "value", "macro", "flow", "top-performers", "causal", "hedging",
                               "undervalued", "learning"]

    static func agents(_ node: Node?, universe: [Instrument], shortestQuoteInterval: DurationNanoseconds?, runNanoseconds: DurationNanoseconds,
                       file: String) throws(ScenarioError) -> [AgentSettings] {
        guard let node else { return [] }
        let scalars = ScalarReader(file: file)
        var agents: [AgentSettings] = []
        for (index, item) in try scalars.list(node, "agents").enumerated() {
            let path = "agents[\(index)]"
            var map = try StrictMapping(item, file: file, path: path)
            let typeNode = try map.require("type")
            let type = try scalars.text(typeNode, "\(path).type")
            let registered = ComponentRegistry.current.agentType(named: type)
            guard type == "ema-cross" || type == "technical" || featureTypes.contains(type) || registered != nil else {
                let known = ["technical", "ema-cross"] + featureTypes + ComponentRegistry.current.agentTypes.map(\.name)
                throw StrictMapping.error(file, typeNode, "unknown agent type '\(type)'",
                                          hint: StrictMapping.choiceHint(type, among: known)
                                              + "; a type from another package needs that package's own metronome executable (docs/extending.md)")
            }
            let name = try map.value("name").map { node throws(ScenarioError) in try scalars.text(node, "\(path).name") } ?? type
            let weight = try map.value("weight").map { node throws(ScenarioError) in try scalars.decimal(node, "\(path).weight", range: 0...1) } ?? 1
            let enabled = try map.value("enabled").map { node throws(ScenarioError) in try scalars.boolean(node, "\(path).enabled") } ?? true
            let agentID = UInt16(index + 1)
            let kind: AgentSettings.Kind
            if type == "ema-cross" {
                kind = try emaCross(&map, item: item, agentID: agentID, shortestQuoteInterval: shortestQuoteInterval, path: path, file: file)
            } else if let registered {
                kind = try registeredAgent(&map, type: registered, universe: universe, name: name, item: item, agentID: agentID, runNanoseconds: runNanoseconds,
                                           path: path, file: file)
            } else {
                kind = try horizonAgent(&map, type: type, name: name, item: item, agentID: agentID, runNanoseconds: runNanoseconds, path: path,
                                        file: file)
            }
            guard !agents.contains(where: { $0.name == name }) else {
                throw StrictMapping.error(file, item, "two agents are named '\(name)'", hint: "give each agent a distinct name")
            }
            agents.append(AgentSettings(name: name, weight: weight, enabled: enabled, kind: kind))
        }
        return agents
    }

    /// `technical` or a feature agent: a horizon the run can score, and for `technical` its bar.
    private static func horizonAgent(_ map: inout StrictMapping, type: String, name: String, item: Node, agentID: UInt16,
                                     runNanoseconds: DurationNanoseconds, path: String, file: String) throws(ScenarioError) -> AgentSettings.Kind {
        let scalars = ScalarReader(file: file)
        let horizon = try map.value("horizon").map { node throws(ScenarioError) in
            try ScenarioLoader.horizon(node, "\(path).horizon", file: file)
        } ?? 1_800_000_000_000
        try ScenarioLoader.checkScorableHorizon(horizon, agent: name, runNanoseconds: runNanoseconds, node: map.value("horizon") ?? item,
                                                path: path, file: file)
        guard type == "technical" else {
            try map.finish(allowed: ["name", "type", "weight", "enabled", "horizon"])
            return .feature(type: type, horizonNanoseconds: horizon, agentID: agentID)
        }
        let barNode = map.value("bar_interval")
        let bar = try barNode.map { node throws(ScenarioError) in try scalars.duration(node, "\(path).bar_interval") } ?? 60_000_000_000
        guard bar >= 1_000_000 else {
            throw StrictMapping.error(file, barNode ?? item, "\(path).bar_interval must be at least 1ms", hint: "for example 1m")
        }
        try map.finish(allowed: ["name", "type", "weight", "enabled", "horizon", "bar_interval"])
        return .technical(barNanoseconds: bar, horizonNanoseconds: horizon, agentID: agentID)
    }

    /// `ema-cross`: a fast and a slower moving average, and a horizon in ticks the shortest feed
    /// interval turns into time.
    private static func emaCross(_ map: inout StrictMapping, item: Node, agentID: UInt16, shortestQuoteInterval: DurationNanoseconds?,
                                 path: String, file: String) throws(ScenarioError) -> AgentSettings.Kind {
        let scalars = ScalarReader(file: file)
        let fast = try map.value("fast").map { node throws(ScenarioError) in try scalars.integer(node, "\(path).fast", range: 1...100_000) } ?? 12
        let slowNode = map.value("slow")
        let slow = try slowNode.map { node throws(ScenarioError) in try scalars.integer(node, "\(path).slow", range: 2...1_000_000) } ?? 48
        guard slow > fast else {
            throw StrictMapping.error(file, slowNode ?? item, "\(path).slow (\(slow)) must be greater than fast (\(fast))",
                                      hint: "the slow average spans more ticks than the fast one: slow \(fast + 1) or more")
        }
        let horizonNode = map.value("horizon_ticks")
        let horizon = try horizonNode.map { node throws(ScenarioError) in
            try scalars.integer(node, "\(path).horizon_ticks", range: 1...1_000_000)
        } ?? 20
        if let interval = shortestQuoteInterval {
            try ScenarioLoader.checkTickHorizon(ticks: horizon, interval: interval, node: horizonNode ?? item, path: path, file: file)
        }
        try map.finish(allowed: ["name", "type", "weight", "enabled", "fast", "slow", "horizon_ticks"])
        return .emaCross(EMACrossAgent.Parameters(fastPeriod: Int(fast), slowPeriod: Int(slow), horizonTicks: Int(horizon), agentID: agentID))
    }
}

extension AgentLoader {
    /// A type another package registered: the common keys as for any feature agent, the type's own
    /// keys collected for it, any other key an error; the model is made once here so that a bad
    /// parameter is reported at load time, at its line.
    fileprivate static func registeredAgent(_ map: inout StrictMapping, type: ComponentRegistry.AgentType, universe: [Instrument], name: String, item: Node,
                                            agentID: UInt16, runNanoseconds: DurationNanoseconds, path: String,
                                            file: String) throws(ScenarioError) -> AgentSettings.Kind {
        let horizon = try map.value("horizon").map { node throws(ScenarioError) in
            try ScenarioLoader.horizon(node, "\(path).horizon", file: file)
        } ?? 1_800_000_000_000
        try ScenarioLoader.checkScorableHorizon(horizon, agent: name, runNanoseconds: runNanoseconds, node: map.value("horizon") ?? item,
                                                path: path, file: file)
        let parameters = try ComponentParameters.collect(&map, keys: type.parameterKeys, path: path, owner: "agent type '\(type.name)'",
                                                         mapping: item, file: file)
        try map.finish(allowed: ComponentRegistry.commonAgentKeys + type.parameterKeys)
        _ = try type.make(parameters, universe)
        return .registered(type: type.name, horizonNanoseconds: horizon, agentID: agentID, parameters: parameters)
    }
}
