import Actors
import Kernel
import Messages
import ScenarioDefinition

/// A scenario's components, spawned by walking ``PipelineTable/stages``: flow order is
/// registration order, which is the order in which the components start, subscribe, and receive
/// a topic's messages. A stage the scenario does not configure is skipped.
public struct ScenarioComponents {
    public private(set) var feedGuard: FeedGuard?
    public private(set) var agents: [EMACrossAgent] = []
    public private(set) var featureAgents: [AnyFeatureAgent] = []
    public private(set) var blender: Blender?
    public private(set) var selector: Selector?
    public private(set) var sizer: Sizer?
    public private(set) var policy: PolicyStage?
    public private(set) var gate: RiskGate?
    public private(set) var router: Router?
    public private(set) var trader: SignalTrader?
    public private(set) var broker: SimulatedBroker?
    public private(set) var portfolio: Portfolio?

    /// - Parameters:
    ///   - liveFeed: the feed guard judges the feed as ticks (a live run, and its replay).
    ///   - plantedDuplicateFills: the chaos self-test's planted bug (docs/chaos.md): never set in a real run.
    ///   - policyDecider: the policy stage's decider, in place of the one `policy.decider` names
    ///     (an outside caller's, or a replayed log's); required when it names `external`.
    public init(scenario: Scenario, kernel: Kernel, liveFeed: Bool, plantedDuplicateFills: Bool, policyDecider: (any PolicyDecider)? = nil) {
        for stage in PipelineTable.stages {
            spawn(stage, scenario: scenario, kernel: kernel, liveFeed: liveFeed, plantedDuplicateFills: plantedDuplicateFills,
                  policyDecider: policyDecider)
        }
    }

    /// Sizer → gate → router, when the scenario has a `sizer:` section.
    public var execution: ExecutionChain? {
        guard sizer != nil || policy != nil, let gate, let router else { return nil }
        return ExecutionChain(sizer: sizer, policy: policy, gate: gate, router: router)
    }

    private mutating func spawn(_ stage: PipelineStage, scenario: Scenario, kernel: Kernel, liveFeed: Bool, plantedDuplicateFills: Bool,
                                policyDecider: (any PolicyDecider)?) {
        let universe = scenario.universe
        let cash = scenario.account.initialCashMinorUnits
        switch stage.role {
        case .inputGuard:
            let parameters = FeedGuard.Parameters(spikeFilters: scenario.spikeFilters(liveFeed: liveFeed))
            feedGuard = kernel.spawn(stage.name) { FeedGuard(context: $0, parameters: parameters, symbolCount: universe.count) }
        case .agents:
            (agents, featureAgents) = kernel.spawnAgents(of: scenario)
        case .blender:
            guard let parameters = Self.blenderParameters(of: scenario) else { return }
            blender = kernel.spawn(stage.name) { Blender(context: $0, parameters: parameters, symbolCount: universe.count) }
        case .selector:
            guard let parameters = scenario.selector else { return }
            selector = kernel.spawn(stage.name) { Selector(context: $0, parameters: parameters, symbolCount: universe.count, sessions: universe.map(\.sessions)) }
        case .sizer:
            guard let parameters = scenario.execution?.sizer else { return }
            // The rule is the sizer's alone from here on, called on the kernel thread only.
            nonisolated(unsafe) let rule = scenario.execution?.sizingRule.map { Self.sizingRule($0, universe: universe) }
            sizer = kernel.spawn(stage.name) {
                Sizer(context: $0, parameters: parameters, instruments: universe, initialCashMinorUnits: cash, customRule: rule)
            }
        case .policy:
            guard let parameters = scenario.execution?.policy else { return }
            // The decider is the stage's alone from here on, called on the kernel thread only.
            nonisolated(unsafe) let decider = policyDecider
                ?? Self.scenarioDecider(parameters, registered: scenario.execution?.registeredPolicy, seed: kernel.configuration.seed)
            let end = kernel.configuration.endTime
            policy = kernel.spawn(stage.name) { context in
                PolicyStage(context: context, parameters: parameters, instruments: universe, initialCashMinorUnits: cash, decider: decider,
                            runEnd: end)
            }
        case .gate:
            guard let limits = scenario.execution?.gate else { return }
            // The checks are the gate's alone from here on, called on the kernel thread only.
            nonisolated(unsafe) let checks = Self.gateChecks(scenario.execution?.gateChecks ?? [], universe: universe)
            gate = kernel.spawn(stage.name) { RiskGate(context: $0, limits: limits, instruments: universe, initialCashMinorUnits: cash, customChecks: checks) }
        case .router:
            guard let parameters = Self.routerParameters(of: scenario) else { return }
            // The rule is the router's alone from here on, called on the kernel thread only.
            nonisolated(unsafe) let rule = scenario.execution?.routerPolicy.map { Self.routerPolicy($0, universe: universe) }
            router = kernel.spawn(stage.name) { Router(context: $0, parameters: parameters, instruments: universe, customPolicy: rule) }
        case .trader:
            guard scenario.execution == nil else { return }
            trader = kernel.spawn(stage.name) { SignalTrader(context: $0, parameters: scenario.trader, symbolCount: universe.count) }
        case .broker:
            // Adapters only when a venue names one: an all-simulated broker builds its own venues.
            nonisolated(unsafe) let adapters = scenario.venueAdapters.isEmpty ? nil : Self.venueAdapters(of: scenario)
            broker = kernel.spawn(stage.name) { SimulatedBroker(context: $0, parameters: scenario.broker, instruments: universe, adapters: adapters) }
        case .portfolio:
            portfolio = kernel.spawn(stage.name) { context in
                Portfolio(context: context, instruments: universe, initialCashMinorUnits: cash,
                          plantedBugAppliesDuplicateFills: plantedDuplicateFills)
            }
        }
    }

    /// The decider `policy.decider` names: one of Metronome's, or a type another package
    /// registered; a plain `external` has none here (``ScenarioRun`` refuses to run it without one).
    package static func scenarioDecider(_ parameters: PolicyStage.Parameters, registered: RegisteredComponent?, seed: UInt64) -> any PolicyDecider {
        if let registered {
            return remade(registered, among: ComponentRegistry.current.policyTypes, kind: "policy decider") { type, own throws(ScenarioError) in
                try type.make(own, parameters, seed)
            }
        }
        switch parameters.decider {
        case .random: return RandomPolicyDecider(seed: seed, parameters: parameters)
        case .flat: return FlatPolicyDecider()
        case .external: preconditionFailure("an external policy decider is given by the caller")
        }
    }

    /// Each venue's adapter for this run: the registered type a venue names, else the simulated venue.
    private static func venueAdapters(of scenario: Scenario) -> [any BrokerAdapter] {
        let broker = scenario.broker
        return broker.venues.indices.map { index -> any BrokerAdapter in
            guard index < scenario.venueAdapters.count, let registered = scenario.venueAdapters[index] else {
                return SimulatedVenue(index: UInt8(index), profile: broker.venues[index], instruments: scenario.universe,
                                      staleAfterNanoseconds: broker.staleAfterNanoseconds,
                                      marketTimeToLiveNanoseconds: broker.marketTimeToLiveNanoseconds,
                                      limitTimeToLiveNanoseconds: broker.limitTimeToLiveNanoseconds)
            }
            return remade(registered, among: ComponentRegistry.current.brokerAdapterTypes, kind: "broker adapter") { type, own throws(ScenarioError) in
                try type.make(own, broker.venues[index], UInt8(index), scenario.universe)
            }
        }
    }

    /// The routing rule another package registered, made for this run.
    private static func routerPolicy(_ registered: RegisteredComponent, universe: [Instrument]) -> any CustomRoutingPolicy {
        remade(registered, among: ComponentRegistry.current.routerPolicyTypes, kind: "router policy") { type, own throws(ScenarioError) in
            try type.make(own, universe)
        }
    }

    private static func sizingRule(_ registered: RegisteredComponent, universe: [Instrument]) -> any CustomSizingRule {
        remade(registered, among: ComponentRegistry.current.sizingRuleTypes, kind: "sizing rule") { type, own throws(ScenarioError) in
            try type.make(own, universe)
        }
    }

    /// The checks other packages registered, made for this run.
    private static func gateChecks(_ checks: [RegisteredComponent], universe: [Instrument]) -> [any CustomGateCheck] {
        checks.map { check in
            remade(check, among: ComponentRegistry.current.gateCheckTypes, kind: "gate check") { type, own throws(ScenarioError) in
                try type.make(own, universe)
            }
        }
    }

    /// A registered component made again for a run. The loader made it with the same parameters,
    /// so a type that is gone or refuses them now is the package's bug, not the scenario's.
    private static func remade<Maker, Made>(_ registered: RegisteredComponent, among types: [ComponentType<Maker>], kind: String,
                                            _ make: (ComponentType<Maker>, ComponentParameters) throws(ScenarioError) -> Made) -> Made {
        guard let type = types.type(named: registered.type) else {
            preconditionFailure("\(kind) '\(registered.type)' was registered when the scenario was loaded and is not now")
        }
        do {
            return try make(type, registered.parameters)
        } catch {
            preconditionFailure("\(kind) '\(registered.type)' accepted its parameters at load time and refuses them now: \(error)")
        }
    }

    /// The blender's parameters, when the scenario has a `blender:` section: the prior weights
    /// are the enabled agents' weights, by agent id.
    private static func blenderParameters(of scenario: Scenario) -> Blender.Parameters? {
        guard let settings = scenario.blender else { return nil }
        var weights: [UInt16: Double] = [:]
        for (index, agent) in scenario.agents.enumerated() where agent.enabled { weights[UInt16(index + 1)] = agent.weight }
        return Blender.Parameters(priorWeights: weights, horizonNanoseconds: settings.horizonNanoseconds,
                                  evaluationIntervalNanoseconds: settings.evaluationIntervalNanoseconds,
                                  learningRate: settings.learningRate, stressRatio: settings.stressRatio,
                                  weightFloor: settings.weightFloor)
    }

    /// The router's parameters, when the scenario has a `sizer:` section: it prices the broker's venues.
    /// The router's parameters as a run of `scenario` spawns it (it prices the broker's venues); nil without one.
    public static func routerParameters(of scenario: Scenario) -> Router.Parameters? {
        guard var parameters = scenario.execution?.router else { return nil }
        parameters.venues = scenario.broker.venues.map { venue in
            VenueCosts(name: venue.name, makerFeeBasisPoints: venue.makerFeeBasisPoints, takerFeeBasisPoints: venue.takerFeeBasisPoints,
                       liquidity: venue.liquidity)
        }
        return parameters
    }
}
