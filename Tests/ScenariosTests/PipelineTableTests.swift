import Actors
import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// ``PipelineTable`` is the one declaration of the pipeline's wiring: docs/architecture.md shows
/// it row by row, and a run's kernel holds exactly the components and subscriber lists it says.
@Suite struct PipelineTableTests {
    static let header = "| stage | components | subscribes to | publishes |"

    /// A declared row as docs/architecture.md writes it.
    static func markdownRow(_ stage: PipelineStage) -> String {
        let subscribes = stage.subscribes.map { subscription in
            "`\(subscription.topic)`" + (subscription.condition.map { " (\($0.rawValue))" } ?? "")
        }
        let cells = ["`\(stage.name)`", stage.components.map { "`\($0)`" }.joined(separator: ", "),
                     subscribes.joined(separator: ", "), stage.publishes.map { "`\($0)`" }.joined(separator: ", ")]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    /// The table's rows in docs/architecture.md: the lines after its header and separator, up to
    /// the first line that is not a table row.
    static func documentedRows() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headerIndex = try #require(lines.firstIndex(of: header), "docs/architecture.md has the pipeline table's header")
        return Array(lines[(headerIndex + 2)...].prefix { $0.hasPrefix("|") })
    }

    @Test func theDocsShowTheDeclaredTableRowByRow() throws {
        let documented = try Self.documentedRows()
        let declared = PipelineTable.stages.map(Self.markdownRow)
        #expect(documented.count == declared.count, "docs/architecture.md lists \(documented.count) stages, PipelineTable \(declared.count)")
        for (index, (doc, code)) in zip(documented, declared).enumerated() {
            #expect(doc == code, "row \(index + 1): docs/architecture.md has\n\(doc)\nPipelineTable declares\n\(code)")
        }
    }

    @Test func everyRoleHasOneRowInFlowOrder() {
        #expect(PipelineTable.stages.map(\.role) == PipelineStage.Role.allCases)
    }

    /// What the table says a scenario's kernel holds: its components in registration order, each
    /// with the topics it subscribes to.
    static func expectedWiring(of scenario: Scenario) -> [(name: String, topics: [String])] {
        var wiring: [(name: String, topics: [String])] = []
        for stage in PipelineTable.stages {
            for (name, applies) in components(of: stage, in: scenario) {
                wiring.append((name, stage.subscribes.filter { $0.condition.map(applies) ?? true }.map(\.topic)))
            }
        }
        return wiring
    }

    /// The components a scenario has for `stage`, with which conditional subscriptions apply to each.
    static func components(of stage: PipelineStage, in scenario: Scenario) -> [(String, (PipelineStage.Condition) -> Bool)] {
        let trader = scenario.trader
        switch stage.role {
        case .agents:
            return scenario.agents.filter(\.enabled).map { agent in
                let feature: Bool
                switch agent.kind {
                case .emaCross: feature = false
                case .feature, .technical, .registered: feature = true
                }
                return ("agent.\(agent.name)", { $0 == .featureAgent && feature })
            }
        case .blender: return scenario.blender == nil ? [] : [(stage.name, { _ in false })]
        case .selector: return scenario.selector == nil ? [] : [(stage.name, { _ in false })]
        case .sizer:
            guard let sizer = scenario.execution?.sizer else { return [] }
            return [(stage.name, { $0 == .followsSlates && sizer.followsSlates })]
        case .policy: return scenario.execution?.policy == nil ? [] : [(stage.name, { _ in false })]
        case .gate, .router: return scenario.execution == nil ? [] : [(stage.name, { _ in false })]
        case .trader:
            guard scenario.execution == nil else { return [] }
            let follows: PipelineStage.Condition = trader.followsSlates ? .followsSlates
                : trader.followsForecasts ? .followsForecasts : .followsSignals
            return [(stage.name, { $0 == follows })]
        case .inputGuard, .broker, .portfolio: return [(stage.name, { _ in false })]
        }
    }

    static func library(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve(name)))
    }

    /// Library scenarios and variants that between them take every condition both ways.
    static func scenarios() throws -> [Scenario] {
        let calmDay = try library("calm-day")  // twelve agents, blender, selector, sizer following slates
        var calmDayWithoutSelector = calmDay
        calmDayWithoutSelector.selector = nil
        calmDayWithoutSelector.execution?.sizer?.followsSlates = false
        let sectors = try library("correlated-sectors")  // blender, selector, trader following slates
        var sectorsFollowingForecasts = sectors
        sectorsFollowingForecasts.selector = nil
        sectorsFollowingForecasts.trader.followsSlates = false
        sectorsFollowingForecasts.trader.followsForecasts = true
        let oneStrategy = try library("one-strategy")  // one EMA-cross agent, trader following signals
        return [calmDay, calmDayWithoutSelector, sectors, sectorsFollowingForecasts, oneStrategy]
    }

    @Test func aRunIsWiredAsTheTableSays() throws {
        for scenario in try Self.scenarios() {
            // Components subscribe when they start, at the run's start.
            let run = try ScenarioRun(scenario: scenario, options: ScenarioRun.Options(maximumEvents: 1))
            _ = try run.run()
            let kernel = run.kernel
            let expected = Self.expectedWiring(of: scenario)
            #expect(kernel.componentNames == expected.map(\.name), "\(scenario.name): components in registration order")
            for topic in kernel.allTopicNames {
                let subscribers = kernel.subscribers(of: kernel.topic(named: topic)).map { kernel.name(of: $0) }
                let declared = expected.filter { $0.topics.contains(topic) }.map(\.name)
                #expect(subscribers == declared, "\(scenario.name): the subscribers of \(topic)")
            }
        }
    }
}
