import Actors
import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// A sizing rule that receives ``RangeEdge``: `lots` toward the symbol's last edge (long after
/// its high, short after its low), whatever the forecast says; flat before the first edge.
struct EdgeLots: CustomSizingRule {
    let lots: Int64
    let received: ReceivedMessages
    var lastEdge: [Double]
    var receivedMessageTypes: [UInt16] { [RangeEdge.typeID] }
    mutating func receive(_ message: PackageMessage, at time: Timestamp) {
        received.messages.withLock { $0.append(message) }
        if let edge = RangeEdge(message) { lastEdge[Int(edge.symbol)] = edge.values.0 }
    }
    func targetLots(for request: SizingRequest) -> Int64 { Int64(lastEdge[Int(request.symbol)]) * lots }
}

/// A package's sizing rule names every target in place of Kelly sizing: read strictly, spawned in
/// the sizer, fed the package's messages, replayed exactly.
@Suite struct CustomSizingRuleTests {
    static func registry(received: ReceivedMessages) -> ComponentRegistry {
        var registry = ComponentRegistry()
        registry.registerAgent(type: "range-edge", version: 1, parameters: ["window"]) { parameters, universe throws(ScenarioError) in
            RangeEdgeModel(symbolCount: universe.count, window: try parameters.integer("window", default: 30, range: 2...10_000))
        }
        registry.registerSizingRule(type: "edge-lots", version: 1, parameters: ["lots"]) { parameters, universe throws(ScenarioError) in
            EdgeLots(lots: Int64(try parameters.integer("lots", default: 1, range: 1...1_000)), received: received,
                     lastEdge: Array(repeating: 0, count: universe.count))
        }
        registry.registerMessage(RangeEdge.self)
        return registry
    }

    static func text(rule: String) -> String {
        PackageMessageTests.text
            .replacingOccurrences(of: "sizer: { kelly_fraction: 0.25, max_volatility: 0.02 }", with: "sizer: { rule: \(rule) }")
            .replacingOccurrences(of: ", checks: [{ type: no-chasing }]", with: "")
    }

    @Test func theRuleNamesEveryTargetAndTheRunReplays() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("sizing-\(UUID().uuidString).mlog").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let received = ReceivedMessages()
        try ComponentRegistry.$scoped.withValue(Self.registry(received: received)) {
            let scenario = try ScenarioLoader.parse(Self.text(rule: "{ type: edge-lots, lots: 3 }"), file: "edges.yaml")
            #expect(scenario.execution?.sizingRule?.type == "edge-lots")
            let run = try ScenarioRun(scenario: scenario, options: .init(recording: .init(path: log)))
            _ = try run.run()
            #expect(received.messages.withLock { $0.count } > 10)
            let kernel = run.kernel
            #expect(kernel.subscribers(of: kernel.topic(named: Topics.packageMessages)).map { kernel.name(of: $0) } == ["sizer"])
            var intents: [Intent] = []
            var cursor = try JournalReader(path: log).blocks()
            while let block = try cursor.next() {
                var decoder = block.records
                while let record = decoder.next() {
                    if case .decision(let decision) = record, case .intent(let intent) = decision.message { intents.append(intent) }
                }
            }
            #expect(intents.count > 5 && Set(intents.map(\.targetQuantity)).isSubset(of: [-3, 0, 3]), "\(Set(intents.map(\.targetQuantity)))")
            #expect(intents.allSatisfy { $0.drawdownScale == 1 && $0.cvarScale == 1 && $0.kellyWeight == $0.cappedWeight })
            let replay = try ReplayRun(logPath: log).replay()
            #expect(replay.verified, "\(String(describing: replay.divergence))")
        }
    }

    @Test func itsParametersAndTypeAreCheckedAtTheirLine() throws {
        try ComponentRegistry.$scoped.withValue(Self.registry(received: ReceivedMessages())) {
            let outOfRange = try #require(throws: ScenarioError.self) {
                try ScenarioLoader.parse(Self.text(rule: "{ type: edge-lots, lots: 0 }"), file: "edges.yaml")
            }
            #expect(outOfRange.line == 16 && outOfRange.message.contains("sizer.rule.lots must be between 1 and 1000"), "\(outOfRange)")
            let unknown = try #require(throws: ScenarioError.self) {
                try ScenarioLoader.parse(Self.text(rule: "{ type: edge-lot }"), file: "edges.yaml")
            }
            #expect(unknown.line == 16 && unknown.message.contains("unknown sizing rule 'edge-lot'") && unknown.hint?.contains("edge-lots") == true,
                    "\(unknown)")
            let ignored = try #require(throws: ScenarioError.self) {
                try ScenarioLoader.parse(Self.text(rule: "{ type: edge-lots }, kelly_fraction: 0.5"), file: "edges.yaml")
            }
            #expect(ignored.line == 16 && ignored.message.contains("sizer.kelly_fraction has no effect with sizer.rule"), "\(ignored)")
        }
    }
}
