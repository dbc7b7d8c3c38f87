import Actors
import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// A model registered the way a package outside Metronome registers one: time-series momentum,
/// the log return of each symbol's mid over its last `lookback` quotes.
struct LookbackMomentumModel: FeatureModel {
    static let agentName = "lookback-momentum"
    static let modelVersion: UInt16 = 1
    static var featureAgentReceiver: (isolated FeatureAgent<LookbackMomentumModel>, UnsafePointer<Delivery>) -> Void {
        { $0.receive($1.pointee) }
    }
    let lookback: Int
    private var history: [[Double]]

    init(symbolCount: Int, lookback: Int) {
        self.lookback = lookback
        history = Array(repeating: [], count: symbolCount)
    }

    mutating func absorb(quote: Quote, logMid: Double, time: Timestamp) -> SymbolID? {
        let index = Int(quote.symbol)
        guard index < history.count else { return nil }
        history[index].append(logMid)
        if history[index].count > lookback + 1 { history[index].removeFirst() }
        return quote.symbol
    }

    func feature(of symbol: Int) -> Double? {
        let mids = history[symbol]
        guard mids.count == lookback + 1 else { return nil }
        return mids[lookback] - mids[0]
    }

    /// The feature itself, as the package's value 7, behind every signal.
    func forEachCustomValue(of symbol: Int, _ body: (UInt16, Double) -> Void) {
        if let value = feature(of: symbol) { body(7, value) }
    }
}

/// A package's agent type runs like the library's own: loaded strictly, spawned, reported,
/// replayed — and refused, with the reason, where it is not registered.
@Suite struct ComponentRegistryTests {
    static var registry: ComponentRegistry {
        var registry = ComponentRegistry()
        registry.registerAgent(type: "lookback-momentum", version: 1, parameters: ["lookback"]) { parameters, universe throws(ScenarioError) in
            LookbackMomentumModel(symbolCount: universe.count, lookback: try parameters.integer("lookback", default: 20, range: 1...10_000))
        }
        registry.registerValue(id: 7, name: "lookback_return")
        return registry
    }

    static func text(agent: String) -> String {
        AgentScenarioTests.text
            .replacingOccurrences(of: "duration: 5d", with: "duration: 3d")
            .replacingOccurrences(of: "  - { name: momentum, type: top-performers, horizon: 30m }", with: agent)
    }

    /// One day with the registered agent, for the recordings (the `value` agent's 1d horizon needs
    /// a longer run).
    static var oneDayText: String {
        text(agent: "  - { name: mine, type: lookback-momentum, horizon: 30m, lookback: 15 }")
            .replacingOccurrences(of: "duration: 3d", with: "duration: 1d")
            .replacingOccurrences(of: "  - { name: value, type: value, horizon: 1d }\n", with: "")
    }

    @Test func aRegisteredAgentRunsReportsAndRepeatsItsDigest() throws {
        try ComponentRegistry.$scoped.withValue(Self.registry) {
            let text = Self.text(agent: "  - { name: mine, type: lookback-momentum, horizon: 30m, lookback: 15 }")
            let scenario = try ScenarioLoader.parse(text, file: "mine.yaml")
            guard case .registered(let type, _, let agentID, let parameters) = scenario.agents[6].kind else {
                Issue.record("the agent is not a registered one: \(scenario.agents[6].kind)")
                return
            }
            #expect(type == "lookback-momentum" && ComponentRegistry.current.agentType(named: type)?.version == 1 && agentID == 7)
            #expect(try parameters.integer("lookback", default: 20, range: 1...100) == 15)
            let run = try ScenarioRun(scenario: scenario)
            let first = try run.run()
            #expect(run.featureAgents.count == 7)
            #expect(run.featureAgents[6].signalsEmitted() > 100)
            let report = RunReport(first)
            #expect(report.agents[6].name == "mine" && report.agents[6].type == "lookback-momentum" && report.agents[6].signals > 100)
            let second = try ScenarioRun(scenario: scenario).run()
            #expect(first.summary.digest == second.summary.digest && first.summary.decisionDigest == second.summary.decisionDigest)
        }
    }

    @Test func itsParametersAreCheckedAtTheirLine() throws {
        try ComponentRegistry.$scoped.withValue(Self.registry) {
            let outOfRange = Self.text(agent: "  - { name: mine, type: lookback-momentum, lookback: 0 }")
            let error = try #require(throws: ScenarioError.self) { try ScenarioLoader.parse(outOfRange, file: "mine.yaml") }
            #expect(error.line == 29 && error.column == 54 && error.message.contains("agents[6].lookback must be between 1 and 10000"), "\(error)")
            let typo = Self.text(agent: "  - { name: mine, type: lookback-momentum, lookbak: 5 }")
            let unknown = try #require(throws: ScenarioError.self) { try ScenarioLoader.parse(typo, file: "mine.yaml") }
            #expect(unknown.line == 29 && unknown.column == 44 && unknown.message.contains("unknown key 'lookbak'") && unknown.hint?.contains("did you mean 'lookback'") == true,
                    "\(unknown)")
        }
    }

    @Test func anUnregisteredTypeIsRefusedWithWhereToLook() throws {
        let text = Self.text(agent: "  - { name: mine, type: lookback-momentum, lookback: 5 }")
        let error = try #require(throws: ScenarioError.self) { try ScenarioLoader.parse(text, file: "mine.yaml") }
        #expect(error.message.contains("unknown agent type 'lookback-momentum'") && error.hint?.contains("docs/extending.md") == true, "\(error)")
    }

    @Test func aRecordingReplaysWithTheTypeAndIsRefusedWithoutIt() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("registered-\(UUID().uuidString).mlog").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let text = Self.oneDayText
        try ComponentRegistry.$scoped.withValue(Self.registry) {
            let scenario = try ScenarioLoader.parse(text, file: "mine.yaml")
            _ = try ScenarioRun(scenario: scenario, options: .init(recording: .init(path: log))).run()
            #expect(try JournalReader(path: log).header.buildIdentity.hasSuffix("; components: lookback-momentum@1"))
            let replay = try ReplayRun(logPath: log).replay()
            #expect(replay.verified, "\(String(describing: replay.divergence))")
        }
        try ComponentRegistry.$scoped.withValue(ComponentRegistry()) {
            let refusal = try #require(throws: ReplayComponentMismatch.self) { try ReplayRun(logPath: log) }
            #expect(refusal.message.contains("component type 'lookback-momentum' version 1") && refusal.message.contains("does not register"))
        }
        var newer = ComponentRegistry()
        newer.registerAgent(type: "lookback-momentum", version: 2, parameters: ["lookback"]) { _, universe throws(ScenarioError) in
            LookbackMomentumModel(symbolCount: universe.count, lookback: 5)
        }
        try ComponentRegistry.$scoped.withValue(newer) {
            let refusal = try #require(throws: ReplayComponentMismatch.self) { try ReplayRun(logPath: log) }
            #expect(refusal.message.contains("this executable has version 2"))
        }
    }

    @Test func itsOwnValuesAreJournaledBehindItsSignalsByName() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("registered-\(UUID().uuidString).mlog").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let text = Self.oneDayText
        try ComponentRegistry.$scoped.withValue(Self.registry) {
            let scenario = try ScenarioLoader.parse(text, file: "mine.yaml")
            _ = try ScenarioRun(scenario: scenario, options: .init(recording: .init(path: log, signals: true))).run()
            var values: [CustomValue] = []
            var signalsOfMine = 0
            var cursor = try JournalReader(path: log).blocks()
            while let block = try cursor.next() {
                var decoder = block.records
                while let record = decoder.next() {
                    guard case .annotation(let emitted) = record else { continue }
                    if case .custom(let value) = emitted.message { values.append(value) }
                    if case .signal(let signal) = emitted.message, signal.agentID == 6 { signalsOfMine += 1 }
                }
            }
            #expect(!values.isEmpty && values.count == signalsOfMine, "one value behind each of the agent's \(signalsOfMine) signals")
            #expect(values.allSatisfy { $0.valueID == 7 })
            let line = MessageJSON.object(.custom(values[0]))
            #expect(line.contains("\"custom\":\"lookback_return\""), "\(line)")
        }
        let unnamed = MessageJSON.object(.custom(CustomValue(symbol: 1, valueID: 7, value: 0.5, traceID: 3)))
        #expect(unnamed.contains("\"custom\":\"#7\""), "without the registry the id is printed: \(unnamed)")
    }
}
