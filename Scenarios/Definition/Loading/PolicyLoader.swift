import Actors
import Kernel
import Messages
import Yams

/// The `policy:` section (docs/python.md): a policy stage in the sizer's place.
enum PolicyLoader {
    static let keys = ["symbol", "decision_interval", "max_position", "size_fractions", "stop_multiples", "take_profit_multiples",
                       "return_window", "volatility_half_life", "reward", "decider", "decider_parameters"]
    static let rewardKeys = ["log_return", "drawdown", "trade", "holding", "cost"]

    /// The section, and the registered decider type it names, if any.
    static func policy(_ node: Node, symbols: [String], seed: UInt64, file: String) throws(ScenarioError)
        -> (parameters: PolicyStage.Parameters, registered: RegisteredComponent?) {
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "policy")
        var parameters = PolicyStage.Parameters()
        if let value = map.value("symbol") {
            let name = try scalars.text(value, "policy.symbol")
            guard let index = symbols.firstIndex(of: name) else {
                throw StrictMapping.error(file, value, "policy.symbol '\(name)' is not in the universe",
                                          hint: StrictMapping.choiceHint(name, among: symbols, label: "symbols"))
            }
            parameters.symbol = SymbolID(index)
        }
        if let value = map.value("decision_interval") {
            parameters.decisionIntervalNanoseconds = try ScenarioLimits.period(value, "policy.decision_interval", file: file)
        }
        if let value = map.value("max_position") { parameters.maximumLots = try scalars.integer(value, "policy.max_position", range: 1...1_000_000_000) }
        if let value = map.value("size_fractions") { parameters.sizeFractions = try menu(value, "policy.size_fractions", range: 0...1, scalars) }
        if let value = map.value("stop_multiples") { parameters.stopMultiples = try menu(value, "policy.stop_multiples", range: 0...100, scalars) }
        if let value = map.value("take_profit_multiples") {
            parameters.takeProfitMultiples = try menu(value, "policy.take_profit_multiples", range: 0...100, scalars)
        }
        if let value = map.value("return_window") { parameters.returnWindow = Int(try scalars.integer(value, "policy.return_window", range: 0...1_000)) }
        if let value = map.value("volatility_half_life") {
            parameters.volatilityHalfLife = try scalars.decimal(value, "policy.volatility_half_life", range: 1...100_000)
        }
        if let value = map.value("reward") { parameters.reward = try reward(value, scalars: scalars, file: file) }
        var registered: RegisteredComponent?
        if let value = map.value("decider") {
            let name = try scalars.text(value, "policy.decider")
            if let decider = PolicyStage.Parameters.Decider(rawValue: name) {
                parameters.decider = decider
            } else if let type = ComponentRegistry.current.policyType(named: name) {
                // A package's decider: the choices come from outside Metronome's own deciders.
                parameters.decider = .external
                let own = try deciderParameters(map.value("decider_parameters"), type: type, node: node, file: file)
                _ = try type.make(own, parameters, seed)
                registered = RegisteredComponent(type: name, parameters: own)
            } else {
                let known = PolicyStage.Parameters.Decider.allCases.map(\.rawValue) + ComponentRegistry.current.policyTypes.map(\.name)
                throw StrictMapping.error(file, value, "policy.decider '\(name)' is not a decider",
                                          hint: StrictMapping.choiceHint(name, among: known))
            }
        }
        if registered == nil, let stray = map.value("decider_parameters") {
            throw StrictMapping.error(file, stray, "policy.decider_parameters is for a decider another package registered",
                                      hint: "Metronome's own deciders (random, flat, external) take no parameters")
        }
        try map.finish(allowed: keys)
        return (parameters, registered)
    }

    /// The registered decider's own keys, strictly: each a single value, any other key an error.
    private static func deciderParameters(_ node: Node?, type: ComponentRegistry.PolicyType, node section: Node,
                                          file: String) throws(ScenarioError) -> ComponentParameters {
        let path = "policy.decider_parameters"
        guard let node else {
            return ComponentParameters(file: file, path: path, entries: [], mappingLine: section.mark?.line ?? 0,
                                       mappingColumn: section.mark?.column ?? 0)
        }
        var map = try StrictMapping(node, file: file, path: path)
        let parameters = try ComponentParameters.collect(&map, keys: type.parameterKeys, path: path, owner: "policy decider '\(type.name)'",
                                                         mapping: node, file: file)
        try map.finish(allowed: type.parameterKeys)
        return parameters
    }

    /// A menu of 1 to 255 choices (an action index is one byte in the log).
    private static func menu(_ node: Node, _ what: String, range: ClosedRange<Double>, _ scalars: ScalarReader) throws(ScenarioError) -> [Double] {
        let items = try scalars.list(node, what)
        guard (1...255).contains(items.count) else {
            throw StrictMapping.error(scalars.file, node, "\(what) has \(items.count) choices", hint: "give 1 to 255 numbers, e.g. [0.5, 1]")
        }
        var values: [Double] = []
        for (index, item) in items.enumerated() { values.append(try scalars.decimal(item, "\(what)[\(index)]", range: range)) }
        return values
    }

    private static func reward(_ node: Node, scalars: ScalarReader, file: String) throws(ScenarioError) -> PolicyReward {
        var map = try StrictMapping(node, file: file, path: "policy.reward")
        var reward = PolicyReward()
        if let value = map.value("log_return") { reward.logReturn = try scalars.decimal(value, "policy.reward.log_return", range: 0...1_000) }
        if let value = map.value("drawdown") { reward.drawdown = try scalars.decimal(value, "policy.reward.drawdown", range: 0...1_000) }
        if let value = map.value("trade") { reward.trade = try scalars.decimal(value, "policy.reward.trade", range: 0...1_000) }
        if let value = map.value("holding") { reward.holding = try scalars.decimal(value, "policy.reward.holding", range: 0...1_000) }
        if let value = map.value("cost") { reward.cost = try scalars.decimal(value, "policy.reward.cost", range: 0...1_000) }
        try map.finish(allowed: rewardKeys)
        return reward
    }
}
