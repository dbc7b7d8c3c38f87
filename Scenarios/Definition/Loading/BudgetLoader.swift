import Kernel
import Messages
import Yams

/// The `budgets:` section (docs/scenarios.md): `simulated:` and `wall:`, each mapping stages to
/// `p50`, `p99`, `p999` and `max` durations.
///
/// ```yaml
/// budgets:
///   simulated:
///     broker: { p50: 3ms, p99: 10ms }
///     tick_to_order: { p99: 1m }
///   wall:
///     agents: { p99: 20us, p999: 100us }
/// ```
enum BudgetLoader {
    static let clocks = ["simulated", "wall"]
    static let percentileKeys = LatencyPercentile.allCases.map(\.rawValue)

    /// - Parameter present: the stages this scenario has (a budget on any other is an error).
    static func budgets(_ node: Node, present: [LatencyStage], file: String) throws(ScenarioError) -> LatencyBudgets {
        var map = try StrictMapping(node, file: file, path: "budgets")
        var budgets = LatencyBudgets()
        var anyClock = false
        for clock in clocks {
            guard let clockNode = map.value(clock) else { continue }
            anyClock = true
            let perStage = try stages(clockNode, clock: clock, present: present, file: file)
            if clock == "simulated" { budgets.simulated = perStage } else { budgets.wall = perStage }
        }
        try map.finish(allowed: clocks)
        guard anyClock else {
            throw StrictMapping.error(file, node, "budgets: needs a simulated: or a wall: section",
                                      hint: "for example budgets: { wall: { tick_to_order: { p99: 50us } } }")
        }
        return budgets
    }

    private static func stages(_ node: Node, clock: String, present: [LatencyStage], file: String) throws(ScenarioError) -> [PercentileBudget?] {
        let path = "budgets.\(clock)"
        var map = try StrictMapping(node, file: file, path: path)
        var perStage: [PercentileBudget?] = Array(repeating: nil, count: LatencyStage.allCases.count)
        for stage in LatencyStage.allCases {
            guard let stageNode = map.value(stage.name) else { continue }
            guard present.contains(stage) else {
                throw StrictMapping.error(file, stageNode, "\(path).\(stage.name): this scenario has no \(stage.name) stage",
                                          hint: "its stages: \(present.map(\.name).joined(separator: ", "))")
            }
            perStage[stage.rawValue] = try percentiles(stageNode, path: "\(path).\(stage.name)", wall: clock == "wall", file: file)
        }
        try map.finish(allowed: LatencyStage.allCases.map(\.name))
        guard perStage.contains(where: { $0 != nil }) else {
            throw StrictMapping.error(file, node, "\(path) names no stage",
                                      hint: "stages: \(LatencyStage.allCases.map(\.name).joined(separator: ", ")); e.g. broker: { p99: 10ms }")
        }
        return perStage
    }

    private static func percentiles(_ node: Node, path: String, wall: Bool, file: String) throws(ScenarioError) -> PercentileBudget {
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: path)
        var limits: [(key: String, node: Node, nanoseconds: DurationNanoseconds)] = []
        for key in percentileKeys {
            guard let valueNode = map.value(key) else { continue }
            let nanoseconds = try scalars.duration(valueNode, "\(path).\(key)")
            if wall && nanoseconds == 0 {
                throw StrictMapping.error(file, valueNode, "\(path).\(key) must be positive: a handler always takes some wall time",
                                          hint: "for example \(key): 50us")
            }
            // Percentiles only grow: a limit below an earlier one could never be met by itself.
            if let previous = limits.last(where: { $0.nanoseconds > nanoseconds }) {
                throw StrictMapping.error(file, valueNode, "\(path).\(key) (\(DurationText.format(nanoseconds))) is below \(previous.key) (\(DurationText.format(previous.nanoseconds)))",
                                          hint: "percentiles only grow: p50 ≤ p99 ≤ p999 ≤ max")
            }
            limits.append((key, valueNode, nanoseconds))
        }
        try map.finish(allowed: percentileKeys)
        guard !limits.isEmpty else {
            throw StrictMapping.error(file, node, "\(path) sets no limit", hint: "give any of p50, p99, p999, max, e.g. { p99: 10ms }")
        }
        func limit(_ key: String) -> DurationNanoseconds? { limits.first { $0.key == key }?.nanoseconds }
        return PercentileBudget(p50Nanoseconds: limit("p50"), p99Nanoseconds: limit("p99"), p999Nanoseconds: limit("p999"),
                                maxNanoseconds: limit("max"))
    }
}
