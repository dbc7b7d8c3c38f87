import Actors
import Foundation
import Kernel
import Messages
import Scenarios
import Synchronization
import Testing

/// A message type of a package's own: a symbol's mid reached an edge of its recent range.
struct RangeEdge: PackageMessageType {
    static let typeID: UInt16 = 3
    static let typeName = "edge"
    static let version: UInt16 = 1
    static let valueNames = ["direction", "log_mid"]
    // The protocol's init(symbol:values:) is the memberwise one.
    var symbol: SymbolID
    var values: (Double, Double, Double, Double)
}

extension RangeEdge {
    init(symbol: SymbolID, direction: Double, logMid: Double) { self.init(symbol: symbol, values: (direction, logMid, 0, 0)) }
}

/// ``RangeEdge`` under another permanent id: what an executable that renumbered the type has.
struct RenumberedEdge: PackageMessageType {
    static let typeID: UInt16 = 4
    static let typeName = RangeEdge.typeName
    static let version = RangeEdge.version
    static let valueNames = RangeEdge.valueNames
    var symbol: SymbolID
    var values: (Double, Double, Double, Double)
}

/// An agent model that sends a ``RangeEdge`` each time a symbol's mid reaches the other edge of
/// its last `window` mids (its feature is where the mid sits in that range, −1…+1).
struct RangeEdgeModel: FeatureModel {
    static let agentName = "range-edge"
    static let modelVersion: UInt16 = 1
    static var featureAgentReceiver: (isolated FeatureAgent<RangeEdgeModel>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    static var sendsPackageMessages: Bool { true }
    let window: Int
    private var mids: [[Double]]
    private var lastEdge: [Double]

    init(symbolCount: Int, window: Int) {
        self.window = window
        mids = Array(repeating: [], count: symbolCount)
        lastEdge = Array(repeating: 0, count: symbolCount)
    }

    mutating func absorb(quote: Quote, logMid: Double, time: Timestamp) -> SymbolID? {
        let index = Int(quote.symbol)
        guard index < mids.count else { return nil }
        mids[index].append(logMid)
        if mids[index].count > window { mids[index].removeFirst() }
        return quote.symbol
    }

    func feature(of symbol: Int) -> Double? {
        let ring = mids[symbol]
        guard ring.count == window, let low = ring.min(), let high = ring.max() else { return nil }
        return high > low ? 2 * (ring[window - 1] - low) / (high - low) - 1 : 0
    }

    mutating func sendMessages(about symbol: Int, traceID: UInt64, _ send: (PackageMessage) -> Void) {
        guard let position = feature(of: symbol), abs(position) == 1, position != lastEdge[symbol] else { return }
        lastEdge[symbol] = position
        send(RangeEdge(symbol: SymbolID(symbol), direction: position, logMid: mids[symbol][window - 1]).packed(traceID: traceID))
    }
}

/// What the checks of one run received, in order (a test's own, so that tests side by side never share one).
final class ReceivedMessages: Sendable {
    let messages = Mutex<[PackageMessage]>([])
}

/// A gate check that receives ``RangeEdge``: it refuses to buy a symbol whose last edge was its
/// high, and to sell one whose last edge was its low (no chasing a breakout).
struct NoChasing: CustomGateCheck {
    let listens: Bool
    let received: ReceivedMessages
    var lastEdge: [Double]

    var receivedMessageTypes: [UInt16] { listens ? [RangeEdge.typeID] : [] }

    mutating func receive(_ message: PackageMessage, at time: Timestamp) {
        received.messages.withLock { $0.append(message) }
        guard let edge = RangeEdge(message) else { return }
        lastEdge[Int(edge.symbol)] = edge.values.0
    }

    func allowedQuantity(_ quantity: Int64, of intent: Intent, book: GateBook) -> Int64 {
        let edge = lastEdge[Int(intent.symbol)]
        return (quantity > 0 && edge == 1) || (quantity < 0 && edge == -1) ? 0 : quantity
    }
}

/// A package's own message type travels from its agent to its gate check through the kernel:
/// delivered in order, deciding what the check refuses, on the record, replayed exactly.
@Suite struct PackageMessageTests {
    static func registry(received: ReceivedMessages, listens: Bool = true) -> ComponentRegistry {
        var registry = ComponentRegistry()
        registry.registerAgent(type: "range-edge", version: 1, parameters: ["window"]) { parameters, universe throws(ScenarioError) in
            RangeEdgeModel(symbolCount: universe.count, window: try parameters.integer("window", default: 30, range: 2...10_000))
        }
        registry.registerGateCheck(type: "no-chasing", version: 1) { _, universe throws(ScenarioError) in
            NoChasing(listens: listens, received: received, lastEdge: Array(repeating: 0, count: universe.count))
        }
        registry.registerMessage(RangeEdge.self)
        return registry
    }

    static let text = """
        version: 1
        name: edges
        seed: 7
        start: 2024-03-01T14:30:00Z
        duration: 1h
        account: { currency: EUR, initial_cash: 500.00 }
        universe:
          - { symbol: ACME, sector: technology }
          - { symbol: BOLT, sector: technology }
          - { symbol: DUNE, sector: energy }
        feeds:
          - { name: market, type: synthetic, interval: 1s, volatility: 0.10, initial_price: 100.00, spread_ticks: 2 }
        agents:
          - { name: edges, type: range-edge, horizon: 5m, window: 60 }
        blender: { horizon: 5m, evaluation_interval: 1m }
        sizer: { kelly_fraction: 0.25, max_volatility: 0.02 }
        gate: { max_gross: 0.5, max_net: 0.3, max_sector: 0.3, checks: [{ type: no-chasing }] }
        broker:
          venues:
            - { name: lit, taker_fee_bps: 0.3, order_latency: 2ms, ack_latency: 500us }
        """

    static func run(_ registry: ComponentRegistry, options: ScenarioRun.Options = .init()) throws -> (ScenarioRun, RunOutcome) {
        try ComponentRegistry.$scoped.withValue(registry) {
            let run = try ScenarioRun(scenario: try ScenarioLoader.parse(text, file: "edges.yaml"), options: options)
            return (run, try run.run())
        }
    }

    @Test func theAgentsMessagesReachTheCheckAndDecideWhatItRefuses() throws {
        let received = ReceivedMessages()
        let (run, outcome) = try Self.run(Self.registry(received: received))
        let messages = received.messages.withLock { $0 }
        #expect(messages.count > 10 && messages.allSatisfy { $0.typeID == RangeEdge.typeID }, "\(messages.count) messages")
        // Each symbol's edges alternate: a message is sent only when the other edge is reached.
        for symbol in 0..<3 {
            let directions = messages.filter { $0.symbol == symbol }.map { $0.value(0) }
            #expect(zip(directions, directions.dropFirst()).allSatisfy { $0 != $1 } && directions.allSatisfy { abs($0) == 1 })
        }
        let refused = outcome.trading.gate?.by_reason["custom_check"] ?? 0
        #expect(refused > 0, "the check refused chasing after the agent's messages")
        let kernel = run.kernel
        #expect(kernel.subscribers(of: kernel.topic(named: Topics.packageMessages)).map { kernel.name(of: $0) } == ["gate"])

        // The same check deaf to the messages refuses nothing, and the gate is not subscribed.
        let deaf = ReceivedMessages()
        let (quietRun, quiet) = try Self.run(Self.registry(received: deaf, listens: false))
        #expect(deaf.messages.withLock { $0.isEmpty } && quiet.trading.gate?.by_reason["custom_check"] == nil)
        #expect(quietRun.kernel.subscribers(of: quietRun.kernel.topic(named: Topics.packageMessages)).isEmpty)
        #expect(quiet.summary.digest != outcome.summary.digest)
    }

    @Test func aRunRepeatsItsDigests() throws {
        let first = try Self.run(Self.registry(received: ReceivedMessages())).1
        let second = try Self.run(Self.registry(received: ReceivedMessages())).1
        #expect(first.summary.digest == second.summary.digest && first.summary.decisionDigest == second.summary.decisionDigest)
    }

    @Test func theMessagesAreOnTheRecordByNameAndReplayExactly() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("package-\(UUID().uuidString).mlog").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let received = ReceivedMessages()
        let registry = Self.registry(received: received)
        _ = try Self.run(registry, options: .init(recording: .init(path: log, signals: true)))
        var journaled: [PackageMessage] = []
        var cursor = try JournalReader(path: log).blocks()
        while let block = try cursor.next() {
            var decoder = block.records
            while let record = decoder.next() {
                if case .annotation(let emitted) = record, case .package(let message) = emitted.message { journaled.append(message) }
            }
        }
        #expect(journaled == received.messages.withLock { $0 }, "every message delivered is journaled, in order")
        try ComponentRegistry.$scoped.withValue(registry) {
            #expect(try JournalReader(path: log).header.buildIdentity.hasSuffix("components: range-edge@1, no-chasing@1, edge@1#3"))
            let line = MessageJSON.object(.package(journaled[0]))
            #expect(line.contains("\"message\":\"edge\",\"direction\":") && line.contains("\"log_mid\":"), "\(line)")
            let replay = try ReplayRun(logPath: log).replay()
            #expect(replay.verified, "\(String(describing: replay.divergence))")
        }
        let unnamed = MessageJSON.object(.package(journaled[0]))
        #expect(unnamed.contains("\"message\":\"#3\",\"value0\":"), "without the registry the id is printed: \(unnamed)")
        try ComponentRegistry.$scoped.withValue(ComponentRegistry()) {
            let refusal = try #require(throws: ReplayComponentMismatch.self) { try ReplayRun(logPath: log) }
            #expect(refusal.message.contains("'range-edge' version 1, 'no-chasing' version 1, 'edge' version 1"), "\(refusal.message)")
        }
        // The same name under another id would read the log's messages as another type.
        var renumbered = ComponentRegistry()
        renumbered.registerAgent(type: "range-edge", version: 1) { _, universe throws(ScenarioError) in RangeEdgeModel(symbolCount: universe.count, window: 60) }
        renumbered.registerGateCheck(type: "no-chasing", version: 1) { _, universe throws(ScenarioError) in
            NoChasing(listens: true, received: ReceivedMessages(), lastEdge: Array(repeating: 0, count: universe.count))
        }
        renumbered.registerMessage(RenumberedEdge.self)
        try ComponentRegistry.$scoped.withValue(renumbered) {
            let refusal = try #require(throws: ReplayComponentMismatch.self) { try ReplayRun(logPath: log) }
            #expect(refusal.message.contains("message type 'edge' as id 3, and this executable registers it as id 4"), "\(refusal.message)")
        }
    }
}

/// A policy decider that receives ``RangeEdge``: long after its symbol's last edge was the high,
/// short after the low, flat before the first.
final class EdgeFollower: PolicyDecider {
    let received: ReceivedMessages
    private var lastEdge = 0.0
    init(received: ReceivedMessages) { self.received = received }
    var receivedMessageTypes: [UInt16] { [RangeEdge.typeID] }
    func receive(_ message: PackageMessage, at time: Timestamp) {
        received.messages.withLock { $0.append(message) }
        if let edge = RangeEdge(message) { lastEdge = edge.values.0 }
    }
    func decide(_ observation: PolicyObservation) -> PolicyChoice { PolicyChoice(direction: Int8(lastEdge), sizeIndex: 0) }
    func finish(_ observation: PolicyObservation) {}
}

/// A routing rule that receives ``RangeEdge`` too (it only counts them) and picks the cheapest.
struct CountingRule: CustomRoutingPolicy {
    let received: ReceivedMessages
    var receivedMessageTypes: [UInt16] { [RangeEdge.typeID] }
    mutating func receive(_ message: PackageMessage, at time: Timestamp) { received.messages.withLock { $0.append(message) } }
    func choose(among candidates: [RoutingChoice], predictedCostBasisPoints: [Double], market: CostModel.Market, intent: Intent) -> Int {
        predictedCostBasisPoints.indices.min { predictedCostBasisPoints[$0] < predictedCostBasisPoints[$1] } ?? 0
    }
}

/// The same messages decide a policy stage and reach a routing rule; the replay, which takes the
/// policy's actions from the log, is wired as the run was and verifies.
@Suite struct PackageMessagePolicyTests {
    static func registry(decider: ReceivedMessages, rule: ReceivedMessages) -> ComponentRegistry {
        var registry = ComponentRegistry()
        registry.registerAgent(type: "range-edge", version: 1, parameters: ["window"]) { parameters, universe throws(ScenarioError) in
            RangeEdgeModel(symbolCount: universe.count, window: try parameters.integer("window", default: 30, range: 2...10_000))
        }
        registry.registerPolicy(type: "edge-follower", version: 1) { _, _, _ throws(ScenarioError) in EdgeFollower(received: decider) }
        registry.registerRouterPolicy(type: "counting", version: 1) { _, _ throws(ScenarioError) in CountingRule(received: rule) }
        registry.registerMessage(RangeEdge.self)
        return registry
    }

    static let text = """
        version: 1
        name: edge-policy
        seed: 11
        start: 2024-03-01T14:30:00Z
        duration: 2h
        account: { currency: EUR, initial_cash: 10000.00 }
        universe:
          - { symbol: ACME, sector: technology }
        feeds:
          - { name: acme, type: gbm, interval: 1s, drift: 0.05, volatility: 0.25, initial_price: 100.00, spread_ticks: 2, max_size: 500 }
        agents:
          - { name: edges, type: range-edge, horizon: 5m, window: 120 }
        policy: { decision_interval: 5m, max_position: 20, size_fractions: [1.0], stop_multiples: [0], take_profit_multiples: [0], decider: edge-follower }
        gate: { max_gross: 1.0, max_net: 1.0, max_sector: 1.0, max_trade_risk: 1.0 }
        router: { policy: { type: counting } }
        """

    @Test func thePolicyFollowsTheMessagesAndTheReplayVerifies() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("package-policy-\(UUID().uuidString).mlog").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let (decider, rule) = (ReceivedMessages(), ReceivedMessages())
        let registry = Self.registry(decider: decider, rule: rule)
        try ComponentRegistry.$scoped.withValue(registry) {
            let scenario = try ScenarioLoader.parse(Self.text, file: "edge-policy.yaml")
            let run = try ScenarioRun(scenario: scenario, options: .init(recording: .init(path: log)))
            let outcome = try run.run()
            let messages = decider.messages.withLock { $0 }
            #expect(messages.count > 4 && messages == rule.messages.withLock { $0 }, "both receivers get every message, in order")
            let kernel = run.kernel
            #expect(kernel.subscribers(of: kernel.topic(named: Topics.packageMessages)).map { kernel.name(of: $0) } == ["policy", "router"])
            #expect((outcome.policy?.intents ?? 0) > 2, "the decider turned the edges into positions")
            let replay = try ReplayRun(logPath: log).replay()
            #expect(replay.verified, "\(String(describing: replay.divergence))")
        }
    }
}
