/// A stage of the pipeline, as latency budgets and `metronome bench FILE` name it, in flow order;
/// the last, `tick_to_order`, is the whole chain from a tick's admission to an order it caused.
///
/// Components belong to stages by name: `feed.guard` to `feeds`, every `agent.*` to `agents`,
/// and the others to the stage of the same name (see ``stage(ofComponent:)``).
public enum LatencyStage: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case feeds
    case agents
    case blender
    case selector
    case sizer
    case gate
    case router
    /// The simple trader: signals, forecasts or slates → orders, in scenarios without a sizer.
    case trader
    case broker
    case portfolio
    case tickToOrder

    /// The name in scenario files, tables and JSON.
    public var name: String {
        switch self {
        case .feeds: "feeds"
        case .agents: "agents"
        case .blender: "blender"
        case .selector: "selector"
        case .sizer: "sizer"
        case .gate: "gate"
        case .router: "router"
        case .trader: "trader"
        case .broker: "broker"
        case .portfolio: "portfolio"
        case .tickToOrder: "tick_to_order"
        }
    }

    public var description: String { name }

    public init?(name: String) {
        guard let stage = LatencyStage.allCases.first(where: { $0.name == name }) else { return nil }
        self = stage
    }

    /// The stages a component can belong to (every stage but the end-to-end one).
    public static var componentStages: [LatencyStage] { allCases.filter { $0 != .tickToOrder } }

    /// The stage of a component, by its name in the kernel; nil for a component outside the
    /// pipeline (a test harness's).
    public static func stage(ofComponent name: String) -> LatencyStage? {
        if name == "feed.guard" { return .feeds }
        if name.hasPrefix("agent.") { return .agents }
        guard let stage = LatencyStage(name: name), stage != .tickToOrder, stage != .feeds, stage != .agents else { return nil }
        return stage
    }

    /// What the stage's simulated latency measures (docs/scenarios.md, `budgets:`).
    public var simulatedMeaning: String {
        switch self {
        case .feeds: "exchange time → the feed guard's output (feed latency)"
        case .agents: "tick → signal"
        case .blender: "signal → forecast"
        case .selector: "slate publication delay (slates run on selector.interval)"
        case .sizer: "forecast → intent"
        case .gate: "intent → gate decision"
        case .router: "approved intent → order (POV slices included)"
        case .trader: "signal, forecast or slate → order"
        case .broker: "order → the venue's first report (ack, reject or fill)"
        case .portfolio: "fill → position update"
        case .tickToOrder: "tick admission → order"
        }
    }
}
