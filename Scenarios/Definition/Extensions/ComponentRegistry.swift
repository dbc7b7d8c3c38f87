import Actors
import Messages
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
    /// How each kind of registered type is made for a run.
    public typealias AgentMaker = @Sendable (ComponentParameters, [Instrument]) throws(ScenarioError) -> any FeatureModel
    /// With the `policy:` section and the run's seed.
    public typealias PolicyMaker = @Sendable (ComponentParameters, PolicyStage.Parameters, UInt64) throws(ScenarioError) -> any PolicyDecider
    public typealias FeedMaker = @Sendable (ComponentParameters, FeedRequest) throws(ScenarioError) -> any FeedEventSource
    public typealias GateCheckMaker = @Sendable (ComponentParameters, [Instrument]) throws(ScenarioError) -> any CustomGateCheck
    public typealias RouterPolicyMaker = @Sendable (ComponentParameters, [Instrument]) throws(ScenarioError) -> any CustomRoutingPolicy
    public typealias SizingRuleMaker = @Sendable (ComponentParameters, [Instrument]) throws(ScenarioError) -> any CustomSizingRule
    /// With the venue's profile and its index in `broker.venues`.
    public typealias BrokerAdapterMaker = @Sendable (ComponentParameters, VenueProfile, UInt8, [Instrument]) throws(ScenarioError) -> any BrokerAdapter

    /// An agent type: a ``FeatureModel`` the standard ``FeatureAgent`` runs (it learns μ and σ from
    /// the model's feature and emits signals the blender weighs, like the library's own agents);
    /// its keys are besides `name`, `type`, `weight`, `enabled` and `horizon`.
    public typealias AgentType = ComponentType<AgentMaker>
    /// A policy decider (`policy.decider: <name>`, its keys under `policy.decider_parameters`; docs/python.md).
    public typealias PolicyType = ComponentType<PolicyMaker>
    /// A feed type (`feeds[].type`): the data a user already has, in its own format; its keys are
    /// besides `name`, `type` and `guard`.
    public typealias FeedType = ComponentType<FeedMaker>
    /// A risk-gate check (`gate.checks[]`): it may cut or refuse what the gate's own limits let through.
    public typealias GateCheckType = ComponentType<GateCheckMaker>
    /// A routing rule (`router.policy`): it picks among the router's candidates in place of its own rule.
    public typealias RouterPolicyType = ComponentType<RouterPolicyMaker>
    /// A sizing rule (`sizer.rule`): it names each symbol's target position in place of the sizer's Kelly sizing.
    public typealias SizingRuleType = ComponentType<SizingRuleMaker>
    /// A venue adapter (`broker.venues[].adapter`): what executes that venue's orders in place of
    /// the simulated venue; its keys are besides the venue's own.
    public typealias BrokerAdapterType = ComponentType<BrokerAdapterMaker>

    /// The agent types, in registration order.
    public private(set) var agentTypes: [AgentType] = []
    /// The sizing rule types, in registration order.
    public private(set) var sizingRuleTypes: [SizingRuleType] = []
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
    /// The packages' own message types (``PackageMessageType``), in registration order.
    public private(set) var messageTypes: [RegisteredMessageType] = []
    /// The names of the packages' own values (``CustomValue``), by their permanent id.
    public private(set) var valueNames: [(id: UInt16, name: String)] = []

    public init() {}

    /// Registers an agent type. A name Metronome already uses, a name registered twice (as any
    /// kind of type) or a key Metronome reads itself is a programming error of the package and
    /// stops the program with the name — as for every kind below.
    public mutating func registerAgent<Model: FeatureModel>(
        type name: String, version: UInt16, parameters: [String] = [],
        make: @escaping @Sendable (ComponentParameters, [Instrument]) throws(ScenarioError) -> Model
    ) {
        let maker: AgentMaker = { parameters, universe throws(ScenarioError) in try make(parameters, universe) }
        agentTypes.append(checked(name, kind: "agent type", builtIn: ComponentRegistry.builtInAgentTypes, version: version, parameters: parameters,
                                  reserved: ComponentRegistry.commonAgentKeys, make: maker))
    }

    public mutating func registerPolicy(type name: String, version: UInt16, parameters: [String] = [], make: @escaping PolicyMaker) {
        policyTypes.append(checked(name, kind: "policy decider", builtIn: PolicyStage.Parameters.Decider.allCases.map(\.rawValue), version: version,
                                   parameters: parameters, reserved: [], make: make))
    }

    public mutating func registerFeed(type name: String, version: UInt16, parameters: [String] = [], make: @escaping FeedMaker) {
        feedTypes.append(checked(name, kind: "feed type", builtIn: ComponentRegistry.builtInFeedTypes, version: version, parameters: parameters,
                                 reserved: ["name", "type", "guard"], make: make))
    }

    public mutating func registerGateCheck(type name: String, version: UInt16, parameters: [String] = [], make: @escaping GateCheckMaker) {
        gateCheckTypes.append(checked(name, kind: "gate check", builtIn: [], version: version, parameters: parameters, reserved: ["type"],
                                      make: make))
    }

    public mutating func registerRouterPolicy(type name: String, version: UInt16, parameters: [String] = [], make: @escaping RouterPolicyMaker) {
        routerPolicyTypes.append(checked(name, kind: "router policy", builtIn: [], version: version, parameters: parameters, reserved: ["type"],
                                         make: make))
    }

    public mutating func registerSizingRule(type name: String, version: UInt16, parameters: [String] = [], make: @escaping SizingRuleMaker) {
        sizingRuleTypes.append(checked(name, kind: "sizing rule", builtIn: [], version: version, parameters: parameters, reserved: ["type"],
                                       make: make))
    }

    public mutating func registerBrokerAdapter(type name: String, version: UInt16, parameters: [String] = [], make: @escaping BrokerAdapterMaker) {
        brokerAdapterTypes.append(checked(name, kind: "broker adapter", builtIn: [], version: version, parameters: parameters,
                                          reserved: ["adapter"] + BrokerLoader.venueKeys, make: make))
    }

    /// A new type of any kind, after the checks every registration makes.
    private func checked<Maker>(_ name: String, kind: String, builtIn: [String], version: UInt16, parameters: [String], reserved: [String],
                                make: Maker) -> ComponentType<Maker> {
        precondition(!builtIn.contains(name), "\(kind) '\(name)' is one of Metronome's own")
        precondition(self.version(of: name) == nil, "component type '\(name)' is registered twice")
        precondition(!parameters.contains { reserved.contains($0) }, "\(kind) '\(name)': \(reserved) are read by Metronome, not by the type")
        return ComponentType(name: name, version: version, parameterKeys: parameters, make: make)
    }

    public func agentType(named name: String) -> AgentType? { agentTypes.type(named: name) }
    public func policyType(named name: String) -> PolicyType? { policyTypes.type(named: name) }
    public func feedType(named name: String) -> FeedType? { feedTypes.type(named: name) }
    public func gateCheckType(named name: String) -> GateCheckType? { gateCheckTypes.type(named: name) }
    public func routerPolicyType(named name: String) -> RouterPolicyType? { routerPolicyTypes.type(named: name) }
    public func sizingRuleType(named name: String) -> SizingRuleType? { sizingRuleTypes.type(named: name) }
    public func brokerAdapterType(named name: String) -> BrokerAdapterType? { brokerAdapterTypes.type(named: name) }

    /// Every registered type's name and version, kind by kind in registration order.
    private var registered: [(name: String, version: UInt16)] {
        agentTypes.map { ($0.name, $0.version) } + policyTypes.map { ($0.name, $0.version) } + feedTypes.map { ($0.name, $0.version) }
            + gateCheckTypes.map { ($0.name, $0.version) } + brokerAdapterTypes.map { ($0.name, $0.version) }
            + routerPolicyTypes.map { ($0.name, $0.version) } + sizingRuleTypes.map { ($0.name, $0.version) } + messageTypes.map { ($0.name, $0.version) }
    }

    /// The version of the registered component type `name`, of any kind, if any.
    public func version(of name: String) -> UInt16? { registered.first { $0.name == name }?.version }

    /// Names a value a model journals behind its signals (``FeatureModel/forEachCustomValue(of:_:)``):
    /// `log cat` and `diff` print it by this name. An id is permanent, like a message tag; one
    /// registered twice stops the program.
    public mutating func registerValue(id: UInt16, name: String) {
        precondition(valueName(of: id) == nil, "value id \(id) is registered twice")
        valueNames.append((id, name))
    }

    public func valueName(of id: UInt16) -> String? { valueNames.first { $0.id == id }?.name }

    /// Registers a message type of the package's own, which its agents send and its gate checks,
    /// routing rules and policy deciders receive (docs/extending.md). Its id is permanent, like a
    /// message tag; an id or a name registered twice, or more values than a message carries, stops
    /// the program.
    public mutating func registerMessage<Type: PackageMessageType>(_ type: Type.Type) {
        precondition(messageType(id: Type.typeID) == nil, "message type id \(Type.typeID) is registered twice")
        precondition(version(of: Type.typeName) == nil, "'\(Type.typeName)' is registered twice")
        precondition(Type.valueNames.count <= PackageMessage.valueCount,
                     "message type '\(Type.typeName)': at most \(PackageMessage.valueCount) values, not \(Type.valueNames.count)")
        precondition(Type.valueNames.allSatisfy { name in !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") } },
                     "message type '\(Type.typeName)': value names are lower-case letters, digits and '_' (they are JSON keys in log cat)")
        precondition(Set(Type.valueNames).count == Type.valueNames.count && !Type.valueNames.contains(where: Self.reservedValueNames.contains),
                     "message type '\(Type.typeName)': value names are distinct and none of \(Self.reservedValueNames) (log cat's own keys)")
        messageTypes.append(RegisteredMessageType(typeID: Type.typeID, name: Type.typeName, version: Type.version,
                                                  valueNames: Type.valueNames))
    }

    /// The registered message type with permanent id `id`, if any.
    public func messageType(id: UInt16) -> RegisteredMessageType? { messageTypes.first { $0.typeID == id } }

    /// `momentum@1, …`: what a log records of the registered types (empty when there are none).
    /// A message type also carries its permanent id (`breakout@1#1`): a replay checks it too.
    public var summary: String {
        registered.map { item in
            "\(item.name)@\(item.version)" + (messageTypes.first { $0.name == item.name }.map { "#\($0.typeID)" } ?? "")
        }.joined(separator: ", ")
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
    /// The keys `log cat` writes for every package message: no value may take one of them.
    public static let reservedValueNames = ["record", "time", "time_ns", "seq", "topic", "type", "source", "symbol", "message", "trace"]
    /// The keys of an agent's mapping that Metronome reads for every type.
    public static let commonAgentKeys = ["name", "type", "weight", "enabled", "horizon"]
}
