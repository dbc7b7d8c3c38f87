import Actors
import Kernel
import Messages
import ScenarioDefinition

extension Kernel {
    /// Spawns the scenario's enabled agents, in file order (which fixes their actor indices).
    public func spawnAgents(of scenario: Scenario) -> (emaCross: [EMACrossAgent], features: [AnyFeatureAgent]) {
        let universe = scenario.universe
        let count = universe.count
        var emaCross: [EMACrossAgent] = []
        var features: [AnyFeatureAgent] = []
        for settings in scenario.agents where settings.enabled {
            let name = "agent.\(settings.name)"
            switch settings.kind {
            case .emaCross(let parameters):
                emaCross.append(spawn(name) { EMACrossAgent(context: $0, parameters: parameters, symbolCount: count) })
            case .technical(let bar, let horizon, let agentID):
                let parameters = FeatureAgentParameters(horizonNanoseconds: horizon, agentID: agentID)
                features.append(.init(spawnFeatureAgent(name, TechnicalModel(symbolCount: count, barNanoseconds: bar), parameters, count)))
            case .feature(let type, let horizon, let agentID):
                let parameters = FeatureAgentParameters(horizonNanoseconds: horizon, agentID: agentID)
                features.append(spawnFeatureAgent(type: type, name: name, universe: universe, parameters: parameters))
            case .registered(let type, let horizon, let agentID, let componentParameters):
                let parameters = FeatureAgentParameters(horizonNanoseconds: horizon, agentID: agentID)
                features.append(spawnRegisteredAgent(type: type, name: name, universe: universe, componentParameters: componentParameters,
                                                     parameters: parameters))
            }
        }
        return (emaCross, features)
    }

    private func spawnFeatureAgent(type: String, name: String, universe: [Instrument],
                                   parameters: FeatureAgentParameters) -> AnyFeatureAgent {
        let count = universe.count
        switch type {
        case "sentiment": return .init(spawnFeatureAgent(name, SentimentModel(symbolCount: count), parameters, count))
        case "insider": return .init(spawnFeatureAgent(name, InsiderModel(symbolCount: count), parameters, count))
        case "money-flows": return .init(spawnFeatureAgent(name, MoneyFlowsModel(symbolCount: count), parameters, count))
        case "value": return .init(spawnFeatureAgent(name, ValueModel(symbolCount: count), parameters, count))
        case "flow": return .init(spawnFeatureAgent(name, FlowModel(symbolCount: count), parameters, count))
        case "learning": return .init(spawnFeatureAgent(name, LearningModel(symbolCount: count), parameters, count))
        case "hedging": return .init(spawnFeatureAgent(name, HedgingModel(symbolCount: count), parameters, count))
        case "causal": return .init(spawnFeatureAgent(name, CausalModel(symbolCount: count), parameters, count))
        case "top-performers": return .init(spawnFeatureAgent(name, TopPerformersModel(symbolCount: count), parameters, count))
        case "undervalued":
            var sectorNames: [String] = []
            for instrument in universe where !sectorNames.contains(instrument.sector) { sectorNames.append(instrument.sector) }
            let sectors = universe.map { instrument in sectorNames.firstIndex(of: instrument.sector)! }
            return .init(spawnFeatureAgent(name, UndervaluedModel(sectors: sectors), parameters, count))
        default:
            precondition(type == "macro", "the loader admits only known agent types")
            return .init(spawnFeatureAgent(name, MacroModel(), parameters, count))
        }
    }
}

extension Kernel {
    /// An agent type another package registered (``ComponentRegistry``): its model, made from the
    /// parameters the loader already checked, run by the standard ``FeatureAgent``.
    fileprivate func spawnRegisteredAgent(type: String, name: String, universe: [Instrument], componentParameters: ComponentParameters,
                                          parameters: FeatureAgentParameters) -> AnyFeatureAgent {
        guard let registered = ComponentRegistry.current.agentType(named: type) else {
            preconditionFailure("agent type '\(type)' was registered when the scenario was loaded and is not now")
        }
        let model: any FeatureModel
        do {
            model = try registered.make(componentParameters, universe)
        } catch {
            preconditionFailure("agent type '\(type)' accepted its parameters at load time and refused them at spawn: \(error)")
        }
        return spawnOpened(name, model, parameters, universe.count)
    }

    /// Opens the model's type, so that the agent is a ``FeatureAgent`` of that very model.
    fileprivate func spawnOpened<Model: FeatureModel>(_ name: String, _ model: Model, _ parameters: FeatureAgentParameters,
                                                      _ symbolCount: Int) -> AnyFeatureAgent {
        .init(spawnFeatureAgent(name, model, parameters, symbolCount))
    }
}
