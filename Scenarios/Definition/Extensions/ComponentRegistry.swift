import Actors
import Kernel
import Synchronization

/// The component types a package adds to Metronome: registered once, before the command line
/// runs (`Metronome.main(registry:)`), and read by the loader (a registered `type:` is accepted
/// and its parameters checked) and by the spawner (docs/extending.md).
///
/// The command line installs one for the whole process (``install(_:)``, any thread sees it); a
/// test binds its own for the code it runs (``scoped``, a task-local value), so that tests running
/// side by side never see each other's registrations.
public struct ComponentRegistry: Sendable {
    /// An agent type from another package: a ``FeatureModel`` the standard ``FeatureAgent`` runs
    /// (it learns μ and σ from the model's feature and emits signals the blender weighs, like the
    /// library's own agents).
    public struct AgentType: Sendable {
        /// The scenario's `type:`.
        public let name: String
        /// Written into every log the type runs in; replay refuses a log of another version.
        public let version: UInt16
        /// The keys the type reads from its mapping, besides `name`, `type`, `weight`, `enabled`
        /// and `horizon`; any other key is an error at its line.
        public let parameterKeys: [String]
        /// Makes the model for a run; called once when the scenario is loaded (to check the
        /// parameters) and once per run.
        public let makeModel: @Sendable (ComponentParameters, [Instrument]) throws(ScenarioError) -> any FeatureModel
    }

    /// A policy decider type from another package: the choices of a scenario's policy stage
    /// (`policy.decider: <name>`, its parameters under `policy.decider_parameters`; docs/python.md).
    public struct PolicyType: Sendable {
        public let name: String
        public let version: UInt16
        public let parameterKeys: [String]
        /// Makes the decider for a run (with the policy section and the run's seed); called once
        /// when the scenario is loaded (to check the parameters) and once per run.
        public let makeDecider: @Sendable (ComponentParameters, PolicyStage.Parameters, UInt64) throws(ScenarioError) -> any PolicyDecider
    }

    /// A feed type from another package: the events of a scenario's `feeds[]` entry with its
    /// `type:` (the data a user already has, in its own format).
    public struct FeedType: Sendable {
        public let name: String
        public let version: UInt16
        /// The keys the type reads, besides `name`, `type` and `guard`.
        public let parameterKeys: [String]
        /// Makes the feed's events for a run; called once when the scenario is loaded (to check
        /// the parameters and the data) and once per run.
        public let makeFeed: @Sendable (ComponentParameters, FeedRequest) throws(ScenarioError) -> any FeedEventSource
    }

    /// A risk-gate check from another package (`gate.checks[]`): it may cut or refuse what the
    /// gate's own limits let through.
    public struct GateCheckType: Sendable {
        public let name: String
        public let version: UInt16
        /// The keys the check reads, besides `type`.
        public let parameterKeys: [String]
        /// Makes the check for a run (with the universe); called once when the scenario is loaded
        /// (to check the parameters) and once per run.
        public let makeCheck: @Sendable (ComponentParameters, [Instrument]) throws(ScenarioError) -> any CustomGateCheck
    }

    /// A venue adapter from another package (`broker.venues[].adapter`): what executes that venue's
    /// orders in place of the simulated venue (docs/extending.md).
    public struct BrokerAdapterType: Sendable {
        public let name: String
        public let version: UInt16
        /// The keys the adapter reads from the venue's mapping, besides the venue's own.
        public let parameterKeys: [String]
        /// Makes the venue's adapter for a run (its profile, its index in `broker.venues`, the
        /// universe); called once when the scenario is loaded and once per run.
        public let makeAdapter: @Sendable (ComponentParameters, VenueProfile, UInt8, [Instrument]) throws(ScenarioError) -> any BrokerAdapter
    }

    /// A routing rule from another package (`router.policy`): it picks among the router's
    /// candidates in place of the router's own rule.
    public struct RouterPolicyType: Sendable {
        public let name: String
        public let version: UInt16
        /// The keys the rule reads, besides `type`.
        public let parameterKeys: [String]
        /// Makes the rule for a run; called once when the scenario is loaded and once per run.
        public let makePolicy: @Sendable (ComponentParameters, [Instrument]) throws(ScenarioError) -> any CustomRoutingPolicy
    }

    /// The agent types, in registration order.
    public private(set) var agentTypes: [AgentType] = []
    /// The routing rule types, in registration order.
    public private(set) var routerPolicyTypes: [RouterPolicyType] = []
    /// The venue adapter types, in registration order.
    public private(set) var brokerAdapterTypes: [BrokerAdapterType] = []
    /// The gate check types, in registration order.
    public private(set) var gateCheckTypes: [GateCheckType] = []
    /// The feed types, in registration order.
    public private(set) var feedTypes: [FeedType] = []
    /// The policy decider types, in registration order.
    public private(set) var policyTypes: [PolicyType] = []
    /// The names of the packages' own values (``CustomValue``), by their permanent id.
    public private(set) var valueNames: [(id: UInt16, name: String)] = []

    public init() {}

    /// Registers an agent type. A name Metronome already uses, or one registered twice, is a
    /// programming error of the package and stops the program with the name.
    public mutating func registerAgent<Model: FeatureModel>(
        type name: String, version: UInt16, parameters: [String] = [],
        make: @escaping @Sendable (ComponentParameters, [Instrument]) throws(ScenarioError) -> Model
    ) {
        precondition(!ComponentRegistry.builtInAgentTypes.contains(name), "agent type '\(name)' is one of Metronome's own")
        precondition(agentType(named: name) == nil, "agent type '\(name)' is registered twice")
        precondition(!parameters.contains { ComponentRegistry.commonAgentKeys.contains($0) },
                     "agent type '\(name)': \(ComponentRegistry.commonAgentKeys) are read by Metronome, not by the type")
        agentTypes.append(AgentType(name: name, version: version, parameterKeys: parameters) { parameters, universe throws(ScenarioError) in
            try make(parameters, universe)
        })
    }

    public func agentType(named name: String) -> AgentType? { agentTypes.first { $0.name == name } }

    /// Registers a policy decider type. A built-in decider's name, or one registered twice, stops
    /// the program with the name.
    public mutating func registerPolicy(
        type name: String, version: UInt16, parameters: [String] = [],
        make: @escaping @Sendable (ComponentParameters, PolicyStage.Parameters, UInt64) throws(ScenarioError) -> any PolicyDecider
    ) {
        precondition(PolicyStage.Parameters.Decider(rawValue: name) == nil, "policy decider '\(name)' is one of Metronome's own")
        precondition(self.version(of: name) == nil, "component type '\(name)' is registered twice")
        policyTypes.append(PolicyType(name: name, version: version, parameterKeys: parameters, makeDecider: make))
    }

    public func policyType(named name: String) -> PolicyType? { policyTypes.first { $0.name == name } }

    /// Registers a feed type. One of Metronome's feed types, or a name registered twice, stops the
    /// program with the name.
    public mutating func registerFeed(
        type name: String, version: UInt16, parameters: [String] = [],
        make: @escaping @Sendable (ComponentParameters, FeedRequest) throws(ScenarioError) -> any FeedEventSource
    ) {
        precondition(!ComponentRegistry.builtInFeedTypes.contains(name), "feed type '\(name)' is one of Metronome's own")
        precondition(self.version(of: name) == nil, "component type '\(name)' is registered twice")
        precondition(!parameters.contains { ["name", "type", "guard"].contains($0) }, "feed type '\(name)': name, type and guard are read by Metronome")
        feedTypes.append(FeedType(name: name, version: version, parameterKeys: parameters, makeFeed: make))
    }

    public func feedType(named name: String) -> FeedType? { feedTypes.first { $0.name == name } }

    /// Registers a risk-gate check. A name registered twice stops the program with the name.
    public mutating func registerGateCheck(
        type name: String, version: UInt16, parameters: [String] = [],
        make: @escaping @Sendable (ComponentParameters, [Instrument]) throws(ScenarioError) -> any CustomGateCheck
    ) {
        precondition(self.version(of: name) == nil, "component type '\(name)' is registered twice")
        precondition(!parameters.contains("type"), "gate check '\(name)': type is read by Metronome")
        gateCheckTypes.append(GateCheckType(name: name, version: version, parameterKeys: parameters, makeCheck: make))
    }

    public func gateCheckType(named name: String) -> GateCheckType? { gateCheckTypes.first { $0.name == name } }

    /// Registers a venue adapter type. A name registered twice stops the program with the name.
    public mutating func registerBrokerAdapter(
        type name: String, version: UInt16, parameters: [String] = [],
        make: @escaping @Sendable (ComponentParameters, VenueProfile, UInt8, [Instrument]) throws(ScenarioError) -> any BrokerAdapter
    ) {
        precondition(self.version(of: name) == nil, "component type '\(name)' is registered twice")
        precondition(!parameters.contains { ["adapter"].contains($0) }, "broker adapter '\(name)': adapter is read by Metronome")
        brokerAdapterTypes.append(BrokerAdapterType(name: name, version: version, parameterKeys: parameters, makeAdapter: make))
    }

    public func brokerAdapterType(named name: String) -> BrokerAdapterType? { brokerAdapterTypes.first { $0.name == name } }

    /// Registers a routing rule type. A name registered twice stops the program with the name.
    public mutating func registerRouterPolicy(
        type name: String, version: UInt16, parameters: [String] = [],
        make: @escaping @Sendable (ComponentParameters, [Instrument]) throws(ScenarioError) -> any CustomRoutingPolicy
    ) {
        precondition(self.version(of: name) == nil, "component type '\(name)' is registered twice")
        precondition(!parameters.contains("type"), "router policy '\(name)': type is read by Metronome")
        routerPolicyTypes.append(RouterPolicyType(name: name, version: version, parameterKeys: parameters, makePolicy: make))
    }

    public func routerPolicyType(named name: String) -> RouterPolicyType? { routerPolicyTypes.first { $0.name == name } }

    /// The version of the registered component type `name` (an agent or a policy decider), if any.
    public func version(of name: String) -> UInt16? {
        agentType(named: name)?.version ?? policyType(named: name)?.version ?? feedType(named: name)?.version
            ?? gateCheckType(named: name)?.version ?? brokerAdapterType(named: name)?.version ?? routerPolicyType(named: name)?.version
    }

    /// Names a value a model journals behind its signals (``FeatureModel/forEachCustomValue(of:_:)``):
    /// `log cat` and `diff` print it by this name. An id is permanent, like a message tag; one
    /// registered twice stops the program.
    public mutating func registerValue(id: UInt16, name: String) {
        precondition(valueName(of: id) == nil, "value id \(id) is registered twice")
        valueNames.append((id, name))
    }

    public func valueName(of id: UInt16) -> String? { valueNames.first { $0.id == id }?.name }

    /// `momentum@1, …`: what a log records of the registered types (empty when there are none).
    public var summary: String {
        (agentTypes.map { "\($0.name)@\($0.version)" } + policyTypes.map { "\($0.name)@\($0.version)" }
            + feedTypes.map { "\($0.name)@\($0.version)" } + gateCheckTypes.map { "\($0.name)@\($0.version)" }
            + brokerAdapterTypes.map { "\($0.name)@\($0.version)" } + routerPolicyTypes.map { "\($0.name)@\($0.version)" })
            .joined(separator: ", ")
    }

    /// The registry the loader and the spawner use: the scoped one if a caller bound one, else
    /// the process's.
    public static var current: ComponentRegistry { scoped ?? installed.withLock { $0 } }

    /// A registry for the code run inside `ComponentRegistry.$scoped.withValue(…)` (tests).
    @TaskLocal public static var scoped: ComponentRegistry?

    /// Makes `registry` the process's: done once by `Metronome.main(registry:)`, before any command.
    public static func install(_ registry: ComponentRegistry) { installed.withLock { $0 = registry } }

    private static let installed = Mutex(ComponentRegistry())

    /// The agent types Metronome defines itself.
    public static let builtInAgentTypes = ["technical", "ema-cross", "sentiment", "insider", "money-flows", "value", "macro", "flow",
                                           "top-performers", "causal", "hedging", "undervalued", "learning"]
    /// The feed types Metronome defines itself.
    public static let builtInFeedTypes = ["gbm", "synthetic", "csv", "daily-bars", "daily-series"]
    /// The keys of an agent's mapping that Metronome reads for every type.
    public static let commonAgentKeys = ["name", "type", "weight", "enabled", "horizon"]
}
