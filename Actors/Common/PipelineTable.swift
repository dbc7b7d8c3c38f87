/// The pipeline in one declaration: every stage in flow order, what it subscribes to and what it
/// publishes. Components subscribe from their row (``Kernel/Context/subscribe(as:when:)``),
/// resolve what they publish through it (``Kernel/Context/topic(_:publishedAs:)``), and the
/// scenario runner spawns the stages by walking it, so flow order is registration order — which
/// decides the order in which a topic's subscribers receive a message, and so the run's digests.
/// docs/architecture.md shows the same table; a test keeps the two equal row by row.
///
/// Stages a scenario does not configure are not spawned: the blender (`blender:`), the selector
/// (`selector:`), the sizer, gate and router (`sizer:`), the policy stage in the sizer's place
/// (`policy:`, with the gate and router), and the simple trader (neither).
public enum PipelineTable {
    public static let stages: [PipelineStage] = [
        PipelineStage(role: .inputGuard, components: ["FeedGuard"],
                      subscribes: [.init(Topics.rawQuotes), .init(Topics.rawTrades), .init(Topics.rawAlternativeData)],
                      publishes: [Topics.quotes, Topics.trades, Topics.alternativeData]),
        PipelineStage(role: .agents, components: ["EMACrossAgent", "FeatureAgent"],
                      subscribes: [.init(Topics.quotes), .init(Topics.trades, when: .featureAgent),
                                   .init(Topics.alternativeData, when: .featureAgent)],
                      publishes: [Topics.packageMessages, Topics.signals]),
        PipelineStage(role: .blender, components: ["Blender"],
                      subscribes: [.init(Topics.signals), .init(Topics.quotes)],
                      publishes: [Topics.forecasts]),
        PipelineStage(role: .selector, components: ["Selector"],
                      subscribes: [.init(Topics.forecasts), .init(Topics.quotes)],
                      publishes: [Topics.slates]),
        PipelineStage(role: .sizer, components: ["Sizer"],
                      subscribes: [.init(Topics.quotes), .init(Topics.forecasts), .init(Topics.positions), .init(Topics.gateDecisions),
                                   .init(Topics.orders), .init(Topics.fills), .init(Topics.executionReports),
                                   .init(Topics.slates, when: .followsSlates), .init(Topics.packageMessages, when: .receivesPackageMessages)],
                      publishes: [Topics.intents]),
        PipelineStage(role: .policy, components: ["PolicyStage"],
                      subscribes: [.init(Topics.quotes), .init(Topics.forecasts), .init(Topics.positions), .init(Topics.gateDecisions),
                                   .init(Topics.orders), .init(Topics.fills), .init(Topics.executionReports),
                                   .init(Topics.packageMessages, when: .receivesPackageMessages)],
                      publishes: [Topics.policyActions, Topics.intents]),
        PipelineStage(role: .gate, components: ["RiskGate"],
                      subscribes: [.init(Topics.intents), .init(Topics.quotes), .init(Topics.trades), .init(Topics.positions),
                                   .init(Topics.orders), .init(Topics.fills), .init(Topics.executionReports),
                                   .init(Topics.packageMessages, when: .receivesPackageMessages)],
                      publishes: [Topics.gateDecisions, Topics.approvedIntents]),
        PipelineStage(role: .router, components: ["Router"],
                      subscribes: [.init(Topics.approvedIntents), .init(Topics.quotes), .init(Topics.fills),
                                   .init(Topics.executionReports), .init(Topics.gateDecisions),
                                   .init(Topics.packageMessages, when: .receivesPackageMessages)],
                      publishes: [Topics.orders, Topics.tradeCosts]),
        PipelineStage(role: .trader, components: ["SignalTrader"],
                      subscribes: [.init(Topics.slates, when: .followsSlates), .init(Topics.forecasts, when: .followsForecasts),
                                   .init(Topics.signals, when: .followsSignals)],
                      publishes: [Topics.orders]),
        PipelineStage(role: .broker, components: ["SimulatedBroker"],
                      subscribes: [.init(Topics.quotes), .init(Topics.trades), .init(Topics.orders)],
                      publishes: [Topics.fills, Topics.executionReports]),
        PipelineStage(role: .portfolio, components: ["Portfolio"],
                      subscribes: [.init(Topics.quotes), .init(Topics.fills)],
                      publishes: [Topics.positions]),
    ]

    /// The row of `role` (a set-up time lookup).
    public static func stage(_ role: PipelineStage.Role) -> PipelineStage {
        guard let stage = stages.first(where: { $0.role == role }) else { preconditionFailure("the pipeline table has a row per role") }
        return stage
    }
}
