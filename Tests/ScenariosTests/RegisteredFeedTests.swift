import Actors
import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// A feed type another package registers: its events reach the pipeline on the raw topics, its
/// parameters are read strictly, and a scenario naming it without the registration is refused.
@Suite struct RegisteredFeedTests {
    /// `count` quotes of symbol 0, one a second from the run's start, the mid stepping by `step` cents.
    struct Steps: FeedEventSource {
        let start: Timestamp
        let count: Int
        let step: Int64
        var index = 0

        mutating func next() throws -> (time: Timestamp, event: FeedEvent)? {
            guard index < count else { return nil }
            defer { index += 1 }
            let time = start + UInt64(index) * 1_000_000_000
            let mid = 10_000 + Int64(index) * step
            return (time, .quote(Quote(symbol: 0, bidPrice: mid - 1, askPrice: mid + 1, bidSize: 10, askSize: 10, exchangeTime: time)))
        }
    }

    static let registry: ComponentRegistry = {
        var registry = ComponentRegistry()
        registry.registerFeed(type: "steps", version: 2, parameters: ["count", "step"]) { parameters, request throws(ScenarioError) in
            Steps(start: request.start, count: try parameters.integer("count", default: 10, range: 1...100_000),
                  step: Int64(try parameters.integer("step", default: 1, range: -100...100)))
        }
        return registry
    }()

    static func scenario(feed: String) -> String {
        """
        version: 1
        name: steps
        start: 2024-03-01T14:30:00Z
        duration: 10m
        universe:
          - { symbol: ACME, sector: technology }
        feeds:
          - \(feed)
        agents:
          - { name: technical, type: ema-cross, fast: 5, slow: 20, horizon_ticks: 5 }
        """
    }

    @Test func theFeedsEventsAreTheRunsInputs() throws {
        try ComponentRegistry.$scoped.withValue(Self.registry) {
            let scenario = try ScenarioLoader.parse(Self.scenario(feed: "{ name: vendor, type: steps, count: 300, step: 2 }"), file: "steps.yaml")
            let outcome = try ScenarioRun(scenario: scenario).run()
            #expect(outcome.summary.inputs == 300)
            #expect(BuildIdentity.text.hasSuffix("; components: steps@2"))
            let inputs = try ScenarioRunTestsSupport.inputs(of: scenario)
            #expect(inputs.count == 300 && inputs.last?.time == scenario.startTime + 299 * 1_000_000_000)
            guard case .quote(let last) = inputs.last?.message else { Issue.record("a quote"); return }
            #expect(last.midPrice == 10_000 + 299 * 2)
        }
    }

    @Test func itsParametersAreReadStrictly() throws {
        try ComponentRegistry.$scoped.withValue(Self.registry) {
            let bad = #expect(throws: ScenarioError.self) {
                try ScenarioLoader.parse(Self.scenario(feed: "{ name: vendor, type: steps, count: 0 }"), file: "steps.yaml")
            }
            #expect(bad?.message.contains("count must be between 1 and 100000") == true && bad?.line == 8)
            let unknown = #expect(throws: ScenarioError.self) {
                try ScenarioLoader.parse(Self.scenario(feed: "{ name: vendor, type: steps, size: 3 }"), file: "steps.yaml")
            }
            #expect(unknown?.message.contains("size") == true)
        }
        let unregistered = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.parse(Self.scenario(feed: "{ name: vendor, type: steps }"), file: "steps.yaml")
        }
        #expect(unregistered?.message == "unknown feed type 'steps'")
    }
}
