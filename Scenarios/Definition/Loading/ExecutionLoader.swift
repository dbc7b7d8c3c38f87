import Actors
import Kernel
import Messages
import Yams

/// The execution side's sections: `sizer:`, `gate:`, `router:` (docs/scenarios.md).
enum ExecutionLoader {
    static func sizer(_ node: Node, universe: [Instrument], file: String) throws(ScenarioError) -> (Sizer.Parameters, RegisteredComponent?) {
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "sizer")
        var parameters = Sizer.Parameters()
        if let value = map.value("kelly_fraction") { parameters.sizing.kellyFraction = try scalars.decimal(value, "sizer.kelly_fraction", range: 0...1) }
        if let value = map.value("max_volatility") { parameters.sizing.maximumVolatility = try scalars.decimal(value, "sizer.max_volatility", range: 0...1) }
        if let value = map.value("drawdown_limit") { parameters.sizing.drawdownLimit = try scalars.decimal(value, "sizer.drawdown_limit", range: 0.001...1) }
        if let value = map.value("cvar_budget") { parameters.sizing.cvarBudget = try scalars.decimal(value, "sizer.cvar_budget", range: 0.0001...1) }
        if let value = map.value("max_trade_risk") { parameters.sizing.maximumTradeRisk = try scalars.decimal(value, "sizer.max_trade_risk", range: 0...1) }
        if let value = map.value("min_notional") {
            parameters.sizing.minimumNotionalMinorUnits = try scalars.amount(value, "sizer.min_notional", precision: 2, maximum: ScenarioLimits.maximumCashMinorUnits,
                                                                             why: "the smallest order worth sending: at most the largest initial cash (10^15 minor units)")
        }
        if let value = map.value("sample_interval") {
            parameters.sampleIntervalNanoseconds = try ScenarioLimits.period(value, "sizer.sample_interval", file: file)
        }
        if let value = map.value("tail_window") { parameters.tailWindow = Int(try scalars.integer(value, "sizer.tail_window", range: 20...100_000)) }
        let rule = try map.value("rule").map { node throws(ScenarioError) in
            try registered(node, path: "sizer.rule", among: ComponentRegistry.current.sizingRuleTypes, kind: "sizing rule", universe: universe, file: file)
        }
        // A rule names the targets in place of the Kelly steps: their keys would be silently ignored.
        if rule != nil, let key = Self.kellyKeys.first(where: { map.value($0) != nil }), let node = map.value(key) {
            throw StrictMapping.error(file, node, "sizer.\(key) has no effect with sizer.rule: the rule names every target in place of Kelly sizing",
                                      hint: "remove sizer.\(key), or the rule")
        }
        try map.finish(allowed: ["kelly_fraction", "max_volatility", "drawdown_limit", "cvar_budget", "max_trade_risk", "min_notional",
                                 "sample_interval", "tail_window", "rule"])
        return (parameters, rule)
    }

    /// The sizer's keys that only Kelly sizing reads.
    static let kellyKeys = ["kelly_fraction", "max_volatility", "drawdown_limit", "cvar_budget", "max_trade_risk", "min_notional"]

    static func gate(_ node: Node?, universe: [Instrument], file: String) throws(ScenarioError) -> (GateLimits, [RegisteredComponent]) {
        var limits = GateLimits()
        guard let node else { return (limits, []) }
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "gate")
        if let value = map.value("max_trade_risk") { limits.maximumTradeRisk = try scalars.decimal(value, "gate.max_trade_risk", range: 0...1) }
        if let value = map.value("max_gross") { limits.maximumGross = try scalars.decimal(value, "gate.max_gross", range: 0...10) }
        if let value = map.value("max_net") { limits.maximumNet = try scalars.decimal(value, "gate.max_net", range: 0...10) }
        if let value = map.value("max_sector") { limits.maximumSector = try scalars.decimal(value, "gate.max_sector", range: 0...10) }
        if let value = map.value("max_drawdown") { limits.maximumDrawdown = try scalars.decimal(value, "gate.max_drawdown", range: 0.0001...1) }
        if let value = map.value("max_orders_per_minute") {
            limits.maximumOrdersPerMinute = Int(try scalars.integer(value, "gate.max_orders_per_minute", range: 1...1_000_000))
        }
        if let value = map.value("cooldown") { limits.cooldownNanoseconds = try scalars.duration(value, "gate.cooldown") }
        if let value = map.value("price_band") { limits.priceBand = try scalars.decimal(value, "gate.price_band", range: 0.0001...1) }
        if let value = map.value("stale_after") {
            limits.staleAfterNanoseconds = try positive(scalars.duration(value, "gate.stale_after"), value, "gate.stale_after", file)
        }
        if let value = map.value("max_position") { limits.maximumPositionLots = try scalars.integer(value, "gate.max_position", range: 0...1_000_000_000) }
        if let value = map.value("daily_loss_limit") {
            limits.maximumDailyLoss = try scalars.decimal(value, "gate.daily_loss_limit", range: 0.0001...1)
        }
        let checks = try map.value("checks").map { node throws(ScenarioError) in try gateChecks(node, universe: universe, file: file) } ?? []
        try map.finish(allowed: ["max_trade_risk", "max_gross", "max_net", "max_sector", "max_drawdown", "max_orders_per_minute", "cooldown",
                                 "price_band", "stale_after", "max_position", "daily_loss_limit", "checks"])
        return (limits, checks)
    }

    /// `gate.checks`: checks other packages registered, each `{ type: <name>, <its keys> }`; each is
    /// made once here so that a bad parameter is reported at its line.
    private static func gateChecks(_ node: Node, universe: [Instrument], file: String) throws(ScenarioError) -> [RegisteredComponent] {
        var checks: [RegisteredComponent] = []
        for (index, item) in try ScalarReader(file: file).list(node, "gate.checks").enumerated() {
            let path = "gate.checks[\(index)]"
            var map = try StrictMapping(item, file: file, path: path)
            let typeNode = try map.require("type")
            let name = try ScalarReader(file: file).text(typeNode, "\(path).type")
            let (type, parameters) = try ComponentParameters.registered(&map, name: name, typeNode: typeNode, among: ComponentRegistry.current.gateCheckTypes,
                                                                        kind: "gate check", commonKeys: ["type"], path: path, mapping: item, file: file)
            _ = try type.make(parameters, universe)
            checks.append(RegisteredComponent(type: name, parameters: parameters))
        }
        return checks
    }

    /// The router's own settings; its venues come from the broker's.
    static func router(_ node: Node?, venues: [VenueCosts], universe: [Instrument], file: String) throws(ScenarioError)
        -> (Router.Parameters, RegisteredComponent?) {
        var parameters = Router.Parameters(venues: venues)
        guard let node else { return (parameters, nil) }
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "router")
        if let value = map.value("exploration") { parameters.exploration = try scalars.decimal(value, "router.exploration", range: 0...1) }
        if let value = map.value("learning_rate") { parameters.learningRate = try scalars.decimal(value, "router.learning_rate", range: 0...1) }
        if let value = map.value("temporary_impact") {
            parameters.costModel.temporaryImpact = try scalars.decimal(value, "router.temporary_impact", range: 0...100)
        }
        if let value = map.value("permanent_impact") {
            parameters.costModel.permanentImpact = try scalars.decimal(value, "router.permanent_impact", range: 0...100)
        }
        if let value = map.value("participation") { parameters.costModel.participation = try scalars.decimal(value, "router.participation", range: 0.01...1) }
        if let value = map.value("slice_interval") {
            parameters.sliceIntervalNanoseconds = try ScenarioLimits.period(value, "router.slice_interval", file: file)
            parameters.costModel.sliceIntervalMinutes = Double(parameters.sliceIntervalNanoseconds) / 60e9
        }
        let policy = try map.value("policy").map { node throws(ScenarioError) in try routerPolicy(node, universe: universe, file: file) }
        try map.finish(allowed: ["exploration", "learning_rate", "temporary_impact", "permanent_impact", "participation", "slice_interval", "policy"])
        return (parameters, policy)
    }

    /// `router.policy: { type: <name>, <its keys> }`: a routing rule another package registered.
    private static func routerPolicy(_ node: Node, universe: [Instrument], file: String) throws(ScenarioError) -> RegisteredComponent {
        try registered(node, path: "router.policy", among: ComponentRegistry.current.routerPolicyTypes, kind: "router policy", universe: universe, file: file)
    }

    /// `{ type: <name>, <its keys> }` naming a type another package registered (a routing rule, a
    /// sizing rule), made once here so that a bad parameter is reported at its line.
    private static func registered<Made>(_ node: Node, path: String, among types: [ComponentType<@Sendable (ComponentParameters, [Instrument]) throws(ScenarioError) -> Made>],
                                         kind: String, universe: [Instrument], file: String) throws(ScenarioError) -> RegisteredComponent {
        var map = try StrictMapping(node, file: file, path: path)
        let typeNode = try map.require("type")
        let name = try ScalarReader(file: file).text(typeNode, "\(path).type")
        let (type, parameters) = try ComponentParameters.registered(&map, name: name, typeNode: typeNode, among: types,
                                                                    kind: kind, commonKeys: ["type"], path: path, mapping: node, file: file)
        _ = try type.make(parameters, universe)
        return RegisteredComponent(type: name, parameters: parameters)
    }

    private static func positive(_ value: DurationNanoseconds, _ node: Node, _ what: String, _ file: String) throws(ScenarioError) -> DurationNanoseconds {
        guard value > 0 else { throw StrictMapping.error(file, node, "\(what) must be positive", hint: "a duration above zero, e.g. 1m") }
        return value
    }
}
