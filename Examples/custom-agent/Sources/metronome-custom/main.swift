import MetronomeCommandLine
import Scenarios

// `metronome-custom`: Metronome's whole command line, with its own agent type, message type, policy decider, feed type,
// sizing rule, gate checks, venue adapter and routing rule.
var registry = ComponentRegistry()
registry.registerAgent(type: "range-breakout", version: 1, parameters: ["window"]) { parameters, universe throws(ScenarioError) in
    RangeBreakoutModel(symbolCount: universe.count, window: try parameters.integer("window", default: 30, range: 2...10_000))
}
registry.registerValue(id: RangeBreakoutModel.rangeWidthID, name: "range_width")
// Its own message type, which the agent sends and the breakout-guard gate check receives.
registry.registerMessage(Breakout.self)
registry.registerGateCheck(type: "breakout-guard", version: 1) { _, universe throws(ScenarioError) in
    BreakoutGuard(symbolCount: universe.count)
}
// A policy stage's decider (docs/python.md): `policy.decider: trend`, its keys under `decider_parameters`.
registry.registerPolicy(type: "trend", version: 1, parameters: ["lookback", "size", "stop"]) { parameters, policy, _ throws(ScenarioError) in
    // The observation holds `return_window` returns (the scenario may set 0: then none to sum).
    let lookback = try parameters.integer("lookback", default: 1, range: 1...max(policy.returnWindow, 1))
    let size = try parameters.integer("size", default: 0, range: 0...(policy.sizeFractions.count - 1))
    let stop = try parameters.integer("stop", default: 0, range: 0...(policy.stopMultiples.count - 1))
    return TrendPolicy(lookback: lookback, window: policy.returnWindow, sizeIndex: size, stopIndex: stop)
}
// A feed of its own format (docs/extending.md): `type: semicolon-quotes` with a `path`.
registry.registerFeed(type: "semicolon-quotes", version: 1, parameters: ["path"]) { parameters, request throws(ScenarioError) in
    let path = request.resolve(try parameters.text("path", default: "quotes.txt"))
    return try SemicolonQuotes(path: path, request: request, parameters: parameters)
}
// A risk-gate check (docs/extending.md): `gate.checks: [{ type: max-notional, limit: 2500.00 }]`.
registry.registerGateCheck(type: "max-notional", version: 1, parameters: ["limit"]) { parameters, _ throws(ScenarioError) in
    let limit = try parameters.number("limit", default: 1_000, range: 0.01...1e13)
    return MaxNotional(limitMinorUnits: Int64((limit * 100).rounded()))
}
// A venue adapter (docs/extending.md): `broker.venues: [{ name: …, adapter: touch, fee: 0.50 }]`.
registry.registerBrokerAdapter(type: "touch", version: 1, parameters: ["fee"]) { parameters, _, _, _ throws(ScenarioError) in
    TouchVenue(feeMinorUnits: Int64((try parameters.number("fee", default: 0, range: 0...1_000_000) * 100).rounded()))
}
// A sizing rule (docs/extending.md): `sizer: { rule: { type: fixed-lots, lots: 2 } }`.
registry.registerSizingRule(type: "fixed-lots", version: 1, parameters: ["lots", "min_score"]) { parameters, _ throws(ScenarioError) in
    FixedLots(lots: Int64(try parameters.integer("lots", default: 1, range: 1...1_000_000)),
              minimumScore: try parameters.number("min_score", default: 0.05, range: 0...100))
}
// A routing rule (docs/extending.md): `router: { policy: { type: limit-first } }`.
registry.registerRouterPolicy(type: "limit-first", version: 1) { _, _ throws(ScenarioError) in LimitFirst() }
Metronome.main(registry: registry)
